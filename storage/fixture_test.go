package storage

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// fixtureWords is the vocabulary of the generated test articles (plain
// words, no prose taken from anywhere).
var fixtureWords = strings.Fields(`the of and to in a is that for on with as by at from
river harbour council ministry ferry grain cooperative rainfall drought market
teachers clinic road bridge budget mayor province villagers engineers survey
vote delegates treaty border patrol customs exports copper cotton tariff loan
reporters interview archive ledger warehouse convoy shipment permit inspector`)

// fixtureText makes an article of about n words in paragraphs. The word
// "introducing" opens article 0, so tests can find and damage it.
func fixtureText(r *rand.Rand, i, n int) string {
	var b strings.Builder
	if i == 0 {
		b.WriteString("introducing ")
	}
	fmt.Fprintf(&b, "Field report %d on the provincial ferry service", i)
	for w := 0; w < n; w++ {
		if w%50 == 0 {
			b.WriteString(".\n\n")
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(fixtureWords[r.IntN(len(fixtureWords))])
	}
	b.WriteString(".")
	return b.String()
}

// fixtureSize sets how big a fixture notebook is.
type fixtureSize struct {
	Articles    int // imported articles
	Words       int // words per article
	Annotations int // highlights, spread over the articles
}

var (
	smallFixture = fixtureSize{Articles: 40, Words: 120, Annotations: 120}
	// mediumFixture is a few MB, like the notebook of issue 13, with
	// branch pages in every big bucket.
	mediumFixture = fixtureSize{Articles: 800, Words: 300, Annotations: 2000}
)

var fixtures sync.Map // fixtureSize → []byte (a closed notebook file)

// fixtureBytes returns the bytes of a closed notebook built with the real
// code: articles with sources (binary bytes, stored as base64), tags,
// edited texts (versions), highlights with notes and tags, a trashed
// article and a trashed annotation. It is built once per size.
func fixtureBytes(t testing.TB, size fixtureSize) []byte {
	t.Helper()
	if b, ok := fixtures.Load(size); ok {
		return b.([]byte)
	}
	path := filepath.Join(t.TempDir(), "fixture.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	nb := notebook.New(db)
	r := rand.New(rand.NewPCG(7, uint64(size.Articles)))
	var ids []string
	const batch = 200
	for start := 0; start < size.Articles; start += batch {
		var drafts []ingest.Draft
		for i := start; i < min(start+batch, size.Articles); i++ {
			d := ingest.Draft{
				Title:     fmt.Sprintf("Ferry report %d", i),
				Byline:    "Desk " + fmt.Sprint(i%7),
				Outlet:    "The Provincial Ledger",
				URL:       fmt.Sprintf("https://ledger.example/reports/%d", i),
				Published: time.Date(2021, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
				Text:      fixtureText(r, i, size.Words),
				MediaType: "text/plain",
				Tags:      []string{"Transport/Ferries"},
			}
			if i%3 == 0 {
				d.Source = []byte{0, 1, 2, 0xfe, 0xff, byte(i), byte(i >> 8), 'x'}
				d.Tags = append(d.Tags, "Budget")
			}
			drafts = append(drafts, d)
		}
		rs, err := nb.AddArticles(drafts)
		if err != nil {
			t.Fatal(err)
		}
		for _, res := range rs {
			ids = append(ids, res.Article.ID)
		}
	}
	// A few real highlights through the service (tags, notes, quotes).
	for i := 0; i < min(20, size.Annotations); i++ {
		_, err := nb.Highlight(notebook.HighlightSpec{ArticleID: ids[i%len(ids)], Start: 5, End: 30,
			Note: "checked against the harbour ledger", Tags: []string{"Follow up"}, Color: notebook.Blue})
		if err != nil {
			t.Fatal(err)
		}
	}
	// The rest in bulk, with valid offsets and quotes.
	now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	err = db.Update(func(tx notebook.Tx) error {
		for i := 20; i < size.Annotations; i++ {
			art := ids[i%len(ids)]
			body, err := tx.Body(art)
			if err != nil {
				return err
			}
			start := 10 + i%40
			a := notebook.Annotation{
				ID: fmt.Sprintf("01FIXTURE%017d", i), ArticleID: art, Start: start, End: start + 12,
				Quote: string([]rune(body.Text)[start : start+12]), Color: notebook.Yellow,
				Status: notebook.Anchored, Created: now, Updated: now,
			}
			if i%4 == 0 {
				a.Note = "compare with the customs figures"
				a.Tags = []string{"Follow up"}
			}
			if err := tx.PutAnnotation(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Versions: edit a few texts.
	for i := 1; i < min(6, len(ids)); i++ {
		body, err := nb.Text(ids[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := nb.EditText(ids[i], body.Text+"\n\nCorrection appended by the desk."); err != nil {
			t.Fatal(err)
		}
	}
	// Trash: one article (with its highlights) and one highlight.
	if _, err := nb.Delete(ids[len(ids)-1]); err != nil {
		t.Fatal(err)
	}
	anns, err := nb.Annotations(ids[2])
	if err != nil || len(anns) == 0 {
		t.Fatalf("annotations of %s: %v %v", ids[2], anns, err)
	}
	if _, err := nb.Delete(anns[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := nb.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fixtures.Store(size, b)
	return b
}

// fixtureFile writes a fresh copy of a fixture notebook into a new temp dir
// and returns its path.
func fixtureFile(t testing.TB, size fixtureSize) string {
	t.Helper()
	return writeTemp(t, "nb.db", fixtureBytes(t, size))
}

// writeTemp writes data to name in a new temp dir (mode 0600).
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// pageOf returns the number of the page holding the first occurrence of
// needle in the file (4096-byte pages, as the fixtures use).
func pageOf(t testing.TB, data []byte, needle string) int {
	t.Helper()
	i := bytes.Index(data, []byte(needle))
	if i < 0 {
		t.Fatalf("%q not in the file", needle)
	}
	return i / fixturePageSize(data)
}

// fixturePageSize reads the page size from the file's first header.
func fixturePageSize(data []byte) int {
	m, err := parseMeta(data)
	if err != nil {
		return 4096
	}
	return int(m.pageSize)
}

// damaged returns a copy of data with page n zeroed.
func zeroPage(data []byte, n int) []byte {
	out := bytes.Clone(data)
	ps := fixturePageSize(data)
	clear(out[n*ps : (n+1)*ps])
	return out
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
