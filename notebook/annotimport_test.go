package notebook_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/annotin"
	"github.com/glossnotes/gloss/notebook/export"
	"github.com/glossnotes/gloss/notebook/ingest"
)

const floodText = "The river rose two metres overnight in the northern districts.\n\n" +
	"Engineers opened the sluice gates at dawn, and the water fell by noon.\n\n" +
	"Farmers said the early warning had saved most of the harvest."

const ferryText = "Ferry crews stopped work on Monday over unpaid overtime.\n\nThe harbour master called the strike regrettable."

func hypRec(id, url, title, quote string) annotin.Record {
	return annotin.Record{Source: annotin.Hypothesis, SourceID: id, URL: url, Title: title, Quote: quote}
}

func TestNotebook_ImportAnnotations(t *testing.T) {
	nb := open(t)
	flood := add(t, nb, ingest.Draft{Title: "River rises", URL: "https://www.north-news.example/flood/", Text: floodText})
	ferry := add(t, nb, ingest.Draft{Title: "Harbour ferry strike", Text: ferryText})
	created := time.Date(2023, 5, 1, 9, 30, 0, 0, time.UTC)

	anchored := hypRec("h1", "http://north-news.example/flood?utm_source=feed&utm_medium=rss", "", "opened the sluice gates at dawn")
	anchored.Prefix, anchored.Suffix = "Engineers ", ", and the water"
	anchored.Note, anchored.Tags, anchored.Color, anchored.Created = "Check *who* ordered it.", []string{"Hydrology/Floods", "  "}, "green", created
	typo := hypRec("h2", "https://north-news.example/flood", "", "the early warnng had saved most")
	gone := hypRec("h3", "https://north-news.example/flood#top", "", "a sentence that was never written here")
	gone.Note = "kept with its quote"
	pending := hypRec("h4", "https://elsewhere.example/story?fbclid=abc", "Elsewhere", "a quote from elsewhere")
	pending.Note = "wait for it"
	byTitle := hypRec("h5", "", "Harbour ferry strike", "unpaid overtime")
	pageNote := hypRec("h6", "https://north-news.example/flood", "", "")
	pageNote.Note = "a note on the whole page"
	recs := []annotin.Record{anchored, typo, gone, pending, byTitle, pageNote}

	rep, err := nb.ImportAnnotations("hyp.json", annotin.Hypothesis, recs)
	if err != nil {
		t.Fatal(err)
	}
	want := notebook.AnnotationImport{File: "hyp.json", Format: "hypothesis", Records: 6, Matched: 5, Anchored: 2, Moved: 1, Orphaned: 2, Pending: 1,
		Articles: []string{flood.ID, ferry.ID}, Warnings: rep.Warnings}
	if !reflect.DeepEqual(rep, want) {
		t.Fatalf("report\n %+v\nwant\n %+v", rep, want)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "record 1") {
		t.Errorf("warnings %q, want one about record 1's blank tag", rep.Warnings)
	}
	anns, err := nb.Annotations(flood.ID)
	if err != nil {
		t.Fatal(err)
	}
	byQuote := map[string]notebook.Annotation{}
	for _, a := range anns {
		byQuote[a.Quote] = a
	}
	a := byQuote["opened the sluice gates at dawn"]
	if a.Status != notebook.Anchored || a.Color != notebook.Green || a.Note != anchored.Note ||
		!reflect.DeepEqual(a.Tags, []string{"Hydrology/Floods"}) || !a.Created.Equal(created) {
		t.Errorf("anchored annotation %+v", a)
	}
	if text := []rune(floodText); string(text[a.Start:a.End]) != a.Quote {
		t.Errorf("offsets %d–%d do not give the quote", a.Start, a.End)
	}
	if m := byQuote["the early warning had saved most"]; m.Status != notebook.Moved || len(m.History) != 1 || m.History[0].Quote != typo.Quote {
		t.Errorf("approximate quote: %+v", m)
	}
	if o := byQuote[gone.Quote]; o.Status != notebook.Orphaned || o.Note != gone.Note {
		t.Errorf("orphan: %+v", o)
	}
	if o := byQuote[""]; o.Status != notebook.Orphaned || o.Note != pageNote.Note {
		t.Errorf("page note: %+v", o)
	}
	groups, err := nb.Pending()
	if err != nil || len(groups) != 1 || len(groups[0].Annotations) != 1 || groups[0].Annotations[0].Note != "wait for it" {
		t.Fatalf("pending = %+v, %v", groups, err)
	}

	// The same file again changes nothing.
	again, err := nb.ImportAnnotations("hyp.json", annotin.Hypothesis, recs)
	if err != nil {
		t.Fatal(err)
	}
	if again.Skipped != 6 || again.Matched+again.Pending != 0 {
		t.Errorf("second import %+v, want 6 skipped", again)
	}
	if all, _ := nb.Annotations(""); len(all) != 5 {
		t.Errorf("%d annotations after the second import, want 5", len(all))
	}

	// The pending annotation attaches itself to its article when it comes.
	r, err := nb.AddArticle(ingest.Draft{Title: "A story", URL: "https://elsewhere.example/story/", Text: "This is a quote from elsewhere, kept."})
	if err != nil {
		t.Fatal(err)
	}
	if r.Attached != 1 {
		t.Errorf("Attached = %d, want 1", r.Attached)
	}
	got, _ := nb.Annotations(r.Article.ID)
	if len(got) != 1 || got[0].Status != notebook.Anchored || got[0].Note != "wait for it" || got[0].Start != 8 {
		t.Errorf("attached annotation %+v", got)
	}
	if groups, _ := nb.Pending(); len(groups) != 0 {
		t.Errorf("still pending: %+v", groups)
	}
	if problems, err := nb.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

// TestNotebook_ImportAnnotations_allOrNothing: a record the notebook
// cannot take stops the import, and nothing of the file is written.
func TestNotebook_ImportAnnotations_allOrNothing(t *testing.T) {
	nb := open(t)
	add(t, nb, ingest.Draft{Title: "River rises", URL: "https://north-news.example/flood", Text: floodText})
	good := hypRec("g1", "https://north-news.example/flood", "", "the water fell by noon")
	pend := hypRec("g2", "https://elsewhere.example/x", "", "elsewhere")
	huge := hypRec("g3", "https://north-news.example/flood", "", "the river")
	huge.Note = strings.Repeat("n", notebook.MaxNoteBytes+1)
	noID := hypRec("", "https://north-news.example/flood", "", "the river")
	for _, bad := range []annotin.Record{huge, noID} {
		_, err := nb.ImportAnnotations("bad.json", annotin.Hypothesis, []annotin.Record{good, pend, bad})
		if !errors.Is(err, notebook.ErrInvalid) || !strings.Contains(err.Error(), "bad.json") || !strings.Contains(err.Error(), "record 3") {
			t.Errorf("err = %v, want ErrInvalid naming the file and record 3", err)
		}
	}
	if all, _ := nb.Annotations(""); len(all) != 0 {
		t.Errorf("%d annotations written", len(all))
	}
	if groups, _ := nb.Pending(); len(groups) != 0 {
		t.Errorf("pending written: %+v", groups)
	}
	// The good records were not remembered as imported either.
	rep, err := nb.ImportAnnotations("good.json", annotin.Hypothesis, []annotin.Record{good, pend})
	if err != nil || rep.Matched != 1 || rep.Pending != 1 {
		t.Errorf("import after the refused one: %+v, %v", rep, err)
	}
}

// TestNotebook_ImportAnnotations_roundTrip: Gloss's own W3C export,
// imported into a fresh notebook holding the same articles, gives back
// every annotation exactly.
func TestNotebook_ImportAnnotations_roundTrip(t *testing.T) {
	drafts := []ingest.Draft{
		{Title: "River rises", URL: "https://north-news.example/flood", Text: floodText},
		{Title: "Harbour ferry strike", Text: ferryText},
		{Title: "Zürich’s “quiet” vote — 投票", URL: "https://alpen.example/vote?id=7", Text: "Wähler in Zürich stimmten leise ab. 投票率は低かった。\n\nDer Gemeinderat schwieg 🙂 danach."},
	}
	src := open(t)
	var arts []notebook.Article
	for _, d := range drafts {
		arts = append(arts, add(t, src, d))
	}
	specs := []notebook.HighlightSpec{
		{ArticleID: arts[0].ID, Quote: "rose two metres", Color: notebook.Red, Note: "**big**", Tags: []string{"Floods", "Sahel/Water"}},
		{ArticleID: arts[0].ID, Quote: "the water fell", Color: notebook.Purple},
		{ArticleID: arts[0].ID, Quote: "the water fell by noon", Note: "overlaps the one before"},
		{ArticleID: arts[1].ID, Quote: "regrettable", Color: notebook.Gray, Tags: []string{"Labour"}},
		{ArticleID: arts[2].ID, Quote: "投票率は低かった", Color: notebook.Blue, Note: "turnout"},
		{ArticleID: arts[2].ID, Quote: "schwieg 🙂 danach", Color: notebook.Magenta},
	}
	for _, s := range specs {
		if _, err := src.Highlight(s); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := export.Write(&buf, src.Excerpts(notebook.ExportScope{All: true}), export.Options{Format: export.JSON}); err != nil {
		t.Fatal(err)
	}
	kind, recs, err := annotin.Parse(bytes.NewReader(buf.Bytes()), "gloss.json", annotin.Limits{})
	if err != nil || kind != annotin.W3C {
		t.Fatalf("parse: %v, %v", kind, err)
	}

	dst := open(t)
	for _, d := range drafts {
		add(t, dst, d)
	}
	rep, err := dst.ImportAnnotations("gloss.json", kind, recs)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Anchored != len(specs) || rep.Pending+rep.Orphaned+rep.Moved != 0 {
		t.Fatalf("report %+v", rep)
	}
	type view struct {
		ID, Title                   string
		Start, End                  int
		Quote, Prefix, Suffix, Note string
		Tags                        []string
		Color                       notebook.Color
		Status                      notebook.Status
	}
	views := func(nb *notebook.Notebook) []view {
		anns, err := nb.Annotations("")
		if err != nil {
			t.Fatal(err)
		}
		var out []view
		for _, a := range anns {
			art, _ := nb.Article(a.ArticleID)
			out = append(out, view{a.ID, art.Title, a.Start, a.End, a.Quote, a.Prefix, a.Suffix, a.Note, a.Tags, a.Color, a.Status})
		}
		return out
	}
	if got, want := views(dst), views(src); !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
	// Importing the export into the notebook it came from changes nothing.
	back, err := src.ImportAnnotations("gloss.json", kind, recs)
	if err != nil || back.Skipped != len(specs) {
		t.Errorf("re-import into the source: %+v, %v", back, err)
	}
}

// FuzzImportAnnotations feeds any input that annotin reads into a notebook
// holding a matching article: the import never panics, leaves a notebook
// that passes check, and a second import of the same input adds nothing.
func FuzzImportAnnotations(f *testing.F) {
	f.Add([]byte(`{"rows":[{"id":"a","uri":"https://north-news.example/flood","text":"n","tags":["T"],"target":[{"selector":[{"type":"TextQuoteSelector","exact":"the water fell","prefix":"dawn, and ","suffix":" by noon"},{"type":"TextPositionSelector","start":99,"end":113}]}]}]}`))
	f.Add([]byte("Highlight,Title,URL,Note,Color,Tags\n\"early warning\",River rises,,note,pink,\"a,b\"\n\"x\",Elsewhere,https://e.example/?utm_source=1,,,\n"))
	f.Add([]byte(`{"type":"AnnotationCollection","first":{"items":[{"id":"urn:gloss:annotation:01J00000000000000000000001","type":"Annotation","target":{"source":"urn:gloss:article:NOPE","title":"River rises","selector":[{"type":"TextQuoteSelector","exact":"rose"}]}}]}}`))
	nb := nbtest.OpenTemp(f)
	if _, err := nb.AddArticle(ingest.Draft{Title: "River rises", URL: "https://north-news.example/flood", Text: floodText}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		kind, recs, err := annotin.Parse(bytes.NewReader(data), "fuzz", annotin.Limits{MaxRecords: 200, MaxBytes: 1 << 16})
		if err != nil {
			return
		}
		if _, err := nb.ImportAnnotations("fuzz", kind, recs); err != nil {
			if !errors.Is(err, notebook.ErrInvalid) {
				t.Fatalf("import: %v", err)
			}
			return
		}
		again, err := nb.ImportAnnotations("fuzz", kind, recs)
		if err != nil || again.Matched+again.Pending != 0 {
			t.Fatalf("second import added %+v, %v", again, err)
		}
		if problems, err := nb.Check(); err != nil || len(problems) > 0 {
			t.Fatalf("check after import: %v %v", problems, err)
		}
	})
}

// TestNotebook_SetArticle_attachesPending: giving an article the URL that
// pending annotations wait for attaches them, as importing it would.
func TestNotebook_SetArticle_attachesPending(t *testing.T) {
	nb := open(t)
	art := add(t, nb, ingest.Draft{Title: "Pasted piece", Text: mali})
	rep, err := nb.ImportAnnotations("hyp.json", annotin.Hypothesis, []annotin.Record{
		hypRec("h1", "https://news.example/burkina-visit?utm_source=x", "Burkina visit", "Orlovsky met the junta"),
	})
	if err != nil || rep.Pending != 1 {
		t.Fatalf("import: %+v %v", rep, err)
	}
	url := "https://news.example/burkina-visit"
	if _, err := nb.SetArticle(art.ID, notebook.ArticleUpdate{URL: &url}); err != nil {
		t.Fatal(err)
	}
	anns, err := nb.Annotations(art.ID)
	if err != nil || len(anns) != 1 || anns[0].Quote != "Orlovsky met the junta" {
		t.Errorf("annotations %+v (%v)", anns, err)
	}
	if groups, _ := nb.Pending(); len(groups) != 0 {
		t.Errorf("still pending: %+v", groups)
	}
}
