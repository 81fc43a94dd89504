package export_test

import (
	"bytes"
	"iter"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/annotin"
	"github.com/glossnotes/gloss/notebook/export"
)

// roundTripItems are two original articles (one without a URL) with a
// highlight in every colour, notes in Markdown, nested and non-Latin tags
// and an orphan.
func roundTripItems() []export.Item {
	t0 := time.Date(2024, 4, 2, 9, 15, 0, 0, time.UTC)
	text := "Река вышла из берегов впервые за двадцать лет.\n\n" +
		"The council met at dawn; the mayor said the dykes would hold. Engineers disagreed.\n\n" +
		"By noon the lower market was under water and the ferry had stopped."
	runes := []rune(text)
	var anns []notebook.Annotation
	for i, c := range notebook.Colors {
		start := 10 + i*17
		end := start + 12
		a := notebook.Annotation{
			ID: "01RT" + string(rune('A'+i)), ArticleID: "01RTART1", Start: start, End: end,
			Quote: string(runes[start:end]), Prefix: string(runes[max(0, start-8):start]), Suffix: string(runes[end:min(len(runes), end+8)]),
			Color: c, Status: notebook.Anchored, Created: t0.Add(time.Duration(i) * time.Minute), Updated: t0.Add(time.Duration(i) * time.Hour),
		}
		if i%2 == 0 {
			a.Note = "Note " + string(rune('A'+i)) + " with **Markdown**\n\nand a second paragraph."
		}
		if i%3 == 0 {
			a.Tags = []string{"Floods/Volga", "наводнение"}
		}
		anns = append(anns, a)
	}
	anns = append(anns, notebook.Annotation{
		ID: "01RTORPHAN", ArticleID: "01RTART1", Start: 3, End: 9, Quote: "a line that is gone", Color: notebook.Gray,
		Note: "Orphaned.", Status: notebook.Orphaned, Created: t0, Updated: t0,
	})
	return []export.Item{
		{
			Article: notebook.Article{ID: "01RTART1", Title: "Floods reach the lower market", Byline: "Ирина Соколова", Outlet: "Северные вести",
				URL: "https://north-news.example/flood?utm_source=x", Published: day(2024, 4, 1), Added: t0},
			Text: text, Annotations: anns,
		},
		{
			Article: notebook.Article{ID: "01RTART2", Title: "Pasted notes", Added: t0},
			Text:    "Just a pasted paragraph of notes.",
			Annotations: []notebook.Annotation{{
				ID: "01RTZ", ArticleID: "01RTART2", Start: 5, End: 11, Quote: "pasted", Color: notebook.Yellow,
				Status: notebook.Moved, Created: t0, Updated: t0,
			}},
		},
	}
}

func seq(items []export.Item) iter.Seq2[export.Item, error] {
	return func(yield func(export.Item, error) bool) {
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
	}
}

// TestRoundTrip_w3c exports to W3C JSON and reads it back with annotin:
// every field Gloss writes comes back as it was.
func TestRoundTrip_w3c(t *testing.T) {
	items := roundTripItems()
	var b bytes.Buffer
	st, err := export.Write(&b, seq(items), export.Options{Format: export.JSON})
	if err != nil {
		t.Fatal(err)
	}
	kind, recs, err := annotin.Parse(&b, "export.json", annotin.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if kind != annotin.W3C || len(recs) != st.Annotations || st.Annotations != 10 || st.Articles != 2 {
		t.Fatalf("kind %q, %d records, stats %+v", kind, len(recs), st)
	}
	byID := map[string]annotin.Record{}
	for _, r := range recs {
		byID[r.SourceID] = r
	}
	for _, it := range items {
		for _, a := range it.Annotations {
			want := annotin.Record{
				Source: annotin.W3C, SourceID: export.AnnotationURN(a.ID), URL: it.Article.URL, Title: it.Article.Title,
				Quote: a.Quote, Prefix: a.Prefix, Suffix: a.Suffix, Note: a.Note, Tags: a.Tags, Color: string(a.Color),
				Created: a.Created, Updated: a.Updated,
			}
			if want.URL == "" {
				want.URL = export.ArticleURN(it.Article.ID)
			}
			if a.Status != notebook.Orphaned {
				want.Start, want.End, want.HasPos = a.Start, a.End, true
			}
			got, ok := byID[want.SourceID]
			if !ok {
				t.Errorf("annotation %s missing", a.ID)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("annotation %s:\n got %+v\nwant %+v", a.ID, got, want)
			}
		}
	}
	if id, ok := annotin.ArticleURNID(byID[export.AnnotationURN("01RTZ")].URL); !ok || id != "01RTART2" {
		t.Errorf("article without a URL: target %q", byID[export.AnnotationURN("01RTZ")].URL)
	}
}

// TestRoundTrip_csv exports to CSV and reads it back: the quote, note,
// tags, colour, article and time survive (positions are not in the CSV).
func TestRoundTrip_csv(t *testing.T) {
	items := roundTripItems()
	var b bytes.Buffer
	if _, err := export.Write(&b, seq(items), export.Options{Format: export.CSV}); err != nil {
		t.Fatal(err)
	}
	kind, recs, err := annotin.Parse(&b, "export.csv", annotin.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if kind != annotin.Readwise || len(recs) != 10 {
		t.Fatalf("kind %q, %d records", kind, len(recs))
	}
	for _, it := range items {
		for _, a := range it.Annotations {
			r := byQuote(recs, a.Quote)
			if r == nil {
				t.Errorf("annotation %s missing", a.ID)
				continue
			}
			want := annotin.Record{
				Source: annotin.Readwise, SourceID: export.AnnotationURN(a.ID), URL: it.Article.URL, Title: it.Article.Title,
				Author: it.Article.Byline, Quote: a.Quote, Note: a.Note, Tags: a.Tags, Color: string(a.Color),
				Created: a.Created, Updated: a.Created,
			}
			if !reflect.DeepEqual(*r, want) {
				t.Errorf("annotation %s:\n got %+v\nwant %+v", a.ID, *r, want)
			}
		}
	}
}

func byQuote(recs []annotin.Record, q string) *annotin.Record {
	for i := range recs {
		if recs[i].Quote == q {
			return &recs[i]
		}
	}
	return nil
}

// TestWrite_stats checks what Write reports for every format, with an
// article that the stream yields twice (as creation order does).
func TestWrite_stats(t *testing.T) {
	items := roundTripItems()
	first := items[0]
	first.Annotations = first.Annotations[:3]
	rest := items[0]
	rest.Annotations = rest.Annotations[3:]
	twice := []export.Item{first, items[1], rest}
	for _, tt := range []struct {
		opt  export.Options
		want export.Stats
	}{
		{export.Options{Format: export.Markdown}, export.Stats{Articles: 2, Annotations: 10}},
		{export.Options{Format: export.Markdown, CiteKeys: true}, export.Stats{Articles: 2, Annotations: 10}},
		{export.Options{Format: export.HTML}, export.Stats{Articles: 2, Annotations: 10}},
		{export.Options{Format: export.CSV, NotesOnly: true}, export.Stats{Articles: 2, Annotations: 5}},
		{export.Options{Format: export.JSON, HighlightsOnly: true}, export.Stats{Articles: 2, Annotations: 5}},
		{export.Options{Format: export.Text}, export.Stats{Articles: 2, Annotations: 10}},
		{export.Options{Format: export.CSL}, export.Stats{Articles: 2}},
		{export.Options{Format: export.BibTeX}, export.Stats{Articles: 2}},
		{export.Options{Format: export.RIS}, export.Stats{Articles: 2}},
	} {
		name := string(tt.opt.Format)
		if tt.opt.CiteKeys {
			name += "-citekeys"
		}
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			got, err := export.Write(&b, seq(twice), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("stats %+v, want %+v", got, tt.want)
			}
			if tt.opt.Format.IsReferences() && strings.Count(b.String(), "Floods reach the lower market") != 1 {
				t.Errorf("the article repeated in the stream is not written once:\n%s", b.String())
			}
		})
	}
}

func TestParseFormat_references(t *testing.T) {
	for in, want := range map[string]export.Format{
		"csl": export.CSL, "CSLJSON": export.CSL, "csl-json": export.CSL, "bibtex": export.BibTeX,
		"biblatex": export.BibTeX, "bib": export.BibTeX, "RIS": export.RIS,
	} {
		if got, err := export.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := export.ParseFormat("endnote"); err == nil || !strings.Contains(err.Error(), "csl, bibtex or ris") {
		t.Errorf("ParseFormat(endnote) error = %v", err)
	}
}
