package html

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/testkit"
)

// FuzzParseHTML checks that any input gives a draft that keeps the draft.Article
// contract or an error, never a panic, in bounded time.
func FuzzParseHTML(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	titles, _ := filepath.Glob(filepath.Join("testdata", "titles", "*.html"))
	files = append(files, titles...)
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("<html><body><article><p>" + string(make([]byte, 300)) + "</p></article></body></html>"))
	f.Add([]byte(`<meta charset="x"><script type="application/ld+json">{"@graph":[{"@type":"Article","author":{"@id":"a"}},{"@id":"a","name":{"x":1}}]}</script>`))
	f.Add([]byte("<figure><figcaption>Photo: AP</figcaption></figure><table><tr><td>a<td>b"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		d, err := Parse(nil, "fuzz.html", data)
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("took %v for %d bytes", el, len(data))
		}
		if err == nil {
			testkit.CheckTrimmed(t, d.Text, d.Kinds)
		}
	})
}
