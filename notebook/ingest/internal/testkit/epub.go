package testkit

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"testing"
)

// EPUBEntry is one file of a test EPUB.
type EPUBEntry struct {
	Name, Body string
}

// EPUB writes a zip archive with the given entries, the first one stored
// uncompressed as EPUB requires for "mimetype".
func EPUB(t testing.TB, entries ...EPUBEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, e := range entries {
		method := zip.Deflate
		if i == 0 {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.Name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.Body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// EPUBContainer is a META-INF/container.xml naming OEBPS/content.opf.
const EPUBContainer = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`

// EPUBLyingBomb returns an EPUB whose chapter entry OEBPS/c.xhtml declares
// 1 KB but inflates to 300 MB.
func EPUBLyingBomb(t testing.TB) []byte {
	t.Helper()
	var big bytes.Buffer
	zw := FastZip(&big)
	w, _ := zw.Create("x")
	zeros := make([]byte, 1<<20)
	for range 300 {
		w.Write(zeros)
	}
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(big.Bytes()), int64(big.Len()))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := zr.File[0].OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw = zip.NewWriter(&out)
	for _, e := range []EPUBEntry{{"mimetype", "application/epub+zip"}, {"META-INF/container.xml", EPUBContainer},
		{"OEBPS/content.opf", `<package><manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>`}} {
		w, _ := zw.Create(e.Name)
		w.Write([]byte(e.Body))
	}
	hdr := zr.File[0].FileHeader
	hdr.Name = "OEBPS/c.xhtml"
	hdr.UncompressedSize64 = 1024
	rw, err := zw.CreateRaw(&hdr)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(raw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rw.Write(data); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return out.Bytes()
}

// FastZip returns a zip writer that deflates at the fastest level, so
// building bombs in tests stays quick.
func FastZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return zw
}
