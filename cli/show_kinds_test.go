package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/importer"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// showKindsPage is an original page with a heading, a captioned figure, a
// quotation and a list.
const showKindsPage = `<!DOCTYPE html><html lang="en"><head><title>Harbour cranes return to the old port</title></head>
<body><article><h1>Harbour cranes return to the old port</h1>
<p>The two red cranes that stood over the old port for sixty years were lifted back onto their rails on Tuesday, after a restoration that took the town's volunteers three winters and most of their savings.</p>
<figure><img src="crane.jpg" alt=""><figcaption>The smaller crane is lowered onto the quay at dawn.</figcaption></figure>
<p>Work began when a storm bent the jib of the larger crane, and the council, which owns the quay, said it could not pay to mend something that no longer lifted anything.</p>
<h2>Volunteers and their savings</h2>
<blockquote><p>We could not let the skyline go, so we mended it one bolt at a time.</p></blockquote>
<p>The group listed what the work needed before any of it started:</p>
<ul><li>new steel for the jib and the cab floor;</li><li>twelve hundred bolts, made to the old pattern;</li></ul>
<p>The cranes will be lit on the evening of the harbour festival, and the volunteers will climb them once more to hang the lanterns.</p>
</article></body></html>`

func TestShow_JSON_kinds(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	page := filepath.Join(dir, "cranes.html")
	if err := os.WriteFile(page, []byte(showKindsPage), 0o600); err != nil {
		t.Fatal(err)
	}
	var imported []importer.Result
	mustJSON(t, &imported, "--db", db, "import", page)
	if len(imported) != 1 || imported[0].ID == "" {
		t.Fatalf("import = %+v", imported)
	}
	var art struct {
		Text  string   `json:"text"`
		Kinds []string `json:"kinds"`
	}
	mustJSON(t, &art, "--db", db, "show", imported[0].ID)
	paras := strings.Split(art.Text, "\n\n")
	if len(art.Kinds) != len(paras) {
		t.Fatalf("%d kinds for %d paragraphs: %q", len(art.Kinds), len(paras), art.Kinds)
	}
	want := map[string]string{
		"The smaller crane is lowered onto the quay at dawn.":                  "caption",
		"Volunteers and their savings":                                         "heading",
		"We could not let the skyline go, so we mended it one bolt at a time.": "quote",
		"twelve hundred bolts, made to the old pattern;":                       "item",
		"The group listed what the work needed before any of it started:":      "body",
	}
	for i, p := range paras {
		if k, ok := want[p]; ok {
			if art.Kinds[i] != k {
				t.Errorf("paragraph %q is %q, want %q", p, art.Kinds[i], k)
			}
			delete(want, p)
		}
	}
	for p := range want {
		t.Errorf("paragraph %q missing from the text:\n%s", p, art.Text)
	}
}

func TestKindNames_everyParagraph(t *testing.T) {
	for _, tc := range []struct {
		body notebook.Body
		want []string
	}{
		{notebook.Body{Text: "One.\n\nTwo.\n\nThree."}, []string{"body", "body", "body"}},
		{notebook.Body{Text: "One.\n\nTwo.\n\nThree.", Kinds: []ingest.BlockKind{ingest.Heading}}, []string{"heading", "body", "body"}},
		{notebook.Body{Text: "One.\nstill one.\n\nTwo.", Kinds: []ingest.BlockKind{ingest.Quote, ingest.Caption}}, []string{"quote", "caption"}},
		{notebook.Body{}, nil},
	} {
		if got := kindNames(tc.body); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("kindNames(%q, %v) = %q, want %q", tc.body.Text, tc.body.Kinds, got, tc.want)
		}
	}
}
