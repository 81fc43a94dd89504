package testkit

import (
	"fmt"
	"strings"
)

// PDF writes a PDF from object bodies (object i+1 is objs[i]) with a
// correct cross-reference table; object 1 is the catalog.
func PDF(objs ...string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

// PDFStream is a stream object holding content.
func PDFStream(content string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)
}

// PDFHelvetica is a font object for the standard Helvetica.
const PDFHelvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"

// PDFHello is a content stream that shows one line of text in font F1.
const PDFHello = "BT /F1 12 Tf 72 700 Td (Hello from a small crafted test document with a few words.) Tj ET"

// PDFOnePage is a one-page document whose page shows content with
// Helvetica as F1.
func PDFOnePage(content string) []byte {
	return PDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		PDFStream(content),
		PDFHelvetica,
	)
}

// Letters writes n in letters ("a", "b", … "ba"), which running-header
// detection does not mistake for a page number.
func Letters(n int) string {
	s := string(rune('a' + n%26))
	for n /= 26; n > 0; n /= 26 {
		s = string(rune('a'+n%26)) + s
	}
	return s
}
