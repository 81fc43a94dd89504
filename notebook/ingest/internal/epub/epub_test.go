package epub

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/testkit"
)

const testOPF = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:1b6c1c5e-0000-4000-8000-000000000001</dc:identifier>
    <dc:title>The Salt Roads</dc:title>
    <dc:creator>Maren Eklund</dc:creator>
    <dc:creator>Tomás Ruiz</dc:creator>
    <dc:publisher>Harbour Press</dc:publisher>
    <dc:date>2018-09-01</dc:date>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="text/chapter%201.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="text/chapter2.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="style.css" media-type="text/css"/>
  </manifest>
  <spine><itemref idref="nav" linear="no"/><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>`

const chapter1 = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter 1</title><link rel="stylesheet" href="../style.css"/></head>
<body><section><h1>1. The Coast</h1>
<p>For three centuries the salt of the northern coast travelled inland on the backs of mules, along paths that no map recorded.</p>
<blockquote><p>Salt is the only rock we eat.</p></blockquote>
<p>The traders who carried it kept their routes secret, and the routes died with them.</p></section></body></html>`

const chapter2 = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter 2</title></head>
<body><h1>2. The Mountains</h1><p>Beyond the first range the paths split into a dozen valleys.</p>
<ul><li>the river valley</li><li>the pass of the three crosses</li></ul></body></html>`

func book1(t testing.TB, extra ...testkit.EPUBEntry) []byte {
	entries := []testkit.EPUBEntry{
		{Name: "mimetype", Body: "application/epub+zip"},
		{Name: "META-INF/container.xml", Body: testkit.EPUBContainer},
		{Name: "OEBPS/content.opf", Body: testOPF},
		{Name: "OEBPS/nav.xhtml", Body: `<html><body><nav><ol><li>Chapter 1</li></ol></nav></body></html>`},
		{Name: "OEBPS/text/chapter 1.xhtml", Body: chapter1},
		{Name: "OEBPS/text/chapter2.xhtml", Body: chapter2},
		{Name: "OEBPS/style.css", Body: "p{margin:0}"},
	}
	return testkit.EPUB(t, append(entries, extra...)...)
}

func TestParse(t *testing.T) {
	data := book1(t, testkit.EPUBEntry{Name: "META-INF/encryption.xml", Body: `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/><enc:CipherData><enc:CipherReference URI="OEBPS/font.otf"/></enc:CipherData></enc:EncryptedData></encryption>`})
	d, err := Parse(nil, "salt.epub", data)
	if err != nil {
		t.Fatal(err)
	}
	testkit.CheckTrimmed(t, d.Text, d.Kinds)
	if d.Title != "The Salt Roads" || d.Byline != "Maren Eklund, Tomás Ruiz" || d.Outlet != "Harbour Press" || d.Language != "en" {
		t.Errorf("metadata = %q / %q / %q / %q", d.Title, d.Byline, d.Outlet, d.Language)
	}
	if !d.Published.Equal(time.Date(2018, 9, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Published = %v", d.Published)
	}
	wantParas := []string{"1. The Coast", "For three centuries", "Salt is the only rock we eat.", "The traders", "2. The Mountains", "Beyond the first range", "the river valley", "the pass of the three crosses"}
	wantKinds := []draft.Kind{draft.Heading, draft.Body, draft.Quote, draft.Body, draft.Heading, draft.Body, draft.Item, draft.Item}
	paras := strings.Split(d.Text, "\n\n")
	if len(paras) != len(wantParas) {
		t.Fatalf("%d paragraphs, want %d:\n%s", len(paras), len(wantParas), d.Text)
	}
	for i, p := range paras {
		if !strings.HasPrefix(p, wantParas[i]) || d.Kinds[i] != wantKinds[i] {
			t.Errorf("paragraph %d = %v %q, want %v %q…", i, d.Kinds[i], p, wantKinds[i], wantParas[i])
		}
	}
	if strings.Contains(d.Text, "Chapter 1") {
		t.Errorf("the navigation document was imported")
	}
}

func TestParse_refusals(t *testing.T) {
	// A zip bomb: 300 MB of zeros that compress to a few hundred KB.
	var bomb bytes.Buffer
	zw := testkit.FastZip(&bomb)
	w, _ := zw.Create("mimetype")
	w.Write([]byte("application/epub+zip"))
	w, _ = zw.Create("OEBPS/huge.xhtml")
	zeros := make([]byte, 1<<20)
	for range 300 {
		w.Write(zeros)
	}
	zw.Close()

	// A bomb whose header lies about its size: declared small, unpacks big.
	lying := testkit.EPUBLyingBomb(t)

	tests := []struct {
		name string
		data []byte
		want error  // nil: any error
		msg  string // must occur in the message
	}{
		{"bomb.epub", bomb.Bytes(), nil, "zip bomb"},
		{"lying.epub", lying, nil, ""},
		{"adept.epub", book1(t, testkit.EPUBEntry{Name: "META-INF/rights.xml", Body: "<rights/>"}), draft.ErrUnsupported, "DRM"},
		{"encrypted.epub", book1(t, testkit.EPUBEntry{Name: "META-INF/encryption.xml", Body: `<encryption><EncryptedData><EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><CipherData><CipherReference URI="OEBPS/text/chapter2.xhtml"/></CipherData></EncryptedData></encryption>`}), draft.ErrUnsupported, "DRM"},
		{"notzip.epub", []byte("this is not a zip file at all"), nil, "not a zip"},
		{"nocontainer.epub", testkit.EPUB(t, testkit.EPUBEntry{Name: "mimetype", Body: "application/epub+zip"}), nil, "container.xml"},
		{"empty.epub", nil, draft.ErrEmpty, ""},
		{"notext.epub", testkit.EPUB(t, testkit.EPUBEntry{Name: "mimetype", Body: "application/epub+zip"}, testkit.EPUBEntry{Name: "META-INF/container.xml", Body: testkit.EPUBContainer},
			testkit.EPUBEntry{Name: "OEBPS/content.opf", Body: `<package><metadata/><manifest/><spine/></package>`}), draft.ErrNoText, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			d, err := Parse(nil, tt.name, tt.data)
			if err == nil {
				t.Fatalf("no error, draft %q", d.Title)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.name) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q should name the file and say %q", err, tt.msg)
			}
			if el := time.Since(start); el > 5*time.Second {
				t.Errorf("refusal took %v", el)
			}
		})
	}
}

// FuzzParseEPUB checks that any archive gives a valid draft or an error,
// never a panic, in bounded time.
func FuzzParseEPUB(f *testing.F) {
	f.Add(book1(f))
	f.Add(testkit.EPUB(f, testkit.EPUBEntry{Name: "mimetype", Body: "application/epub+zip"}, testkit.EPUBEntry{Name: "META-INF/container.xml", Body: testkit.EPUBContainer}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		d, err := Parse(nil, "fuzz.epub", data)
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("took %v", el)
		}
		if err == nil {
			testkit.CheckTrimmed(t, d.Text, d.Kinds)
		}
	})
}
