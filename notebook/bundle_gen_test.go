package notebook_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook"
)

// Bundles written by hand, for records the service would never write.

// rec is an article record of a bundle, as WriteBundle writes it.
type rec struct {
	Article     notebook.Article      `json:"article"`
	Body        notebook.Body         `json:"body"`
	Source      *notebook.Source      `json:"source,omitempty"`
	Versions    []notebook.Version    `json:"versions,omitempty"`
	Annotations []notebook.Annotation `json:"annotations,omitempty"`
}

// bundleJSON writes a bundle (format 1) with these records.
func bundleJSON(t testing.TB, arts []rec, tags []notebook.Tag, trash []notebook.TrashEntry) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(`{"gloss_bundle":1,"exported":"2024-03-01T10:00:00Z","articles":[`)
	for i, r := range arts {
		writeRecord(t, &b, i, r)
	}
	b.WriteString(`],"tags":[`)
	for i, tg := range tags {
		writeRecord(t, &b, i, tg)
	}
	b.WriteString(`],"trash":[`)
	for i, e := range trash {
		writeRecord(t, &b, i, e)
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

func writeRecord(t testing.TB, b *bytes.Buffer, i int, v any) {
	t.Helper()
	if i > 0 {
		b.WriteString(",\n")
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	b.Write(data)
}

// ids hands out ULIDs in increasing order for hand-written records.
type ids struct{ n int }

func (g *ids) next() string {
	g.n++
	// Crockford base32: a fixed time part, then the counter.
	return fmt.Sprintf("01J0000000000000000000%04X", g.n)
}

var t0 = time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)

// newRec is a valid article record with this ID and text, and one
// highlight on its first word when ann is not "".
func newRec(id, title, text, ann string) rec {
	r := rec{
		Article: notebook.Article{ID: id, Title: title, Added: t0, Updated: t0, Version: 1,
			TextHash: sha256Hex(text), Chars: utf8.RuneCountInString(text), MediaType: "text/plain"},
		Body: notebook.Body{Text: text},
	}
	if ann != "" {
		word, _, _ := strings.Cut(text, " ")
		r.Annotations = []notebook.Annotation{{ID: ann, ArticleID: id, Start: 0, End: utf8.RuneCountInString(word),
			Quote: word, Color: notebook.Yellow, Status: notebook.Anchored, Created: t0, Updated: t0}}
	}
	return r
}

// setText gives a record a new text with a matching hash and length.
func (r *rec) setText(text string) {
	r.Body.Text = text
	r.Article.TextHash = sha256Hex(text)
	r.Article.Chars = utf8.RuneCountInString(text)
}
