package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// render exports the fixture notebook (all of it, normalised) with opt.
func render(t *testing.T, f fixtureNB, opt export.Options) string {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = fixedClock
	}
	var b bytes.Buffer
	if _, err := export.Write(&b, deterministic(f.nb.Excerpts(notebook.ExportScope{All: true})), opt); err != nil {
		t.Fatalf("Write(%+v): %v", opt, err)
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it); got:\n%s", name, got)
	}
}

func TestWrite_golden(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		golden string
		opt    export.Options
	}{
		{"markdown.md", export.Options{Format: export.Markdown}},
		{"markdown-chicago-sentence.md", export.Options{Format: export.Markdown, Citation: export.Chicago, Context: export.SentenceContext}},
		{"markdown-notes-only.md", export.Options{Format: export.Markdown, NotesOnly: true, Order: export.CreatedOrder}},
		{"export.html", export.Options{Format: export.HTML, Context: export.SentenceContext}},
		{"export.csv", export.Options{Format: export.CSV}},
		{"export.json", export.Options{Format: export.JSON}},
		{"export.txt", export.Options{Format: export.Text}},
		{"text-apa-paragraph.txt", export.Options{Format: export.Text, Citation: export.APA, Context: export.ParagraphContext, HighlightsOnly: true}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			golden(t, tt.golden, render(t, f, tt.opt))
		})
	}
}

func TestWrite_markdown(t *testing.T) {
	f := newFixture(t)
	md := render(t, f, export.Options{Format: export.Markdown})
	for _, want := range []string{
		"---\ntitle: Russia pledges drones and grain to Burkina Faso\n",
		"authors:\n  - Amara Lindqvist\n",
		"published: 2024-03-14\n",
		"exported: 2024-03-01\n",
		"tags:\n  - Russia–Africa_ties\n  - Sahel/Mali\n  - Sahel/Security\n",
		"gloss_tags:\n  - Russia–Africa ties\n",
		"# Russia pledges drones and grain to Burkina Faso\n",
		"Amara Lindqvist and Joseph Ouédraogo (with AFP and Reuters), “Russia pledges drones and grain to Burkina Faso”, Meridian, March 14, 2024",
		"> Moscow says the aid will help the country push back armed groups that control large parts of its north.\n",
		"— ¶1 · yellow · #Russia–Africa_ties #Sahel/Mali\n",
		"Key claim: compare with **Wagner** reporting.",
		"— ¶17 · green\n",
		"> " + orphanQuote + "\n\n— (orphaned) · purple",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	// The orphan, which has no position, comes last and has no ¶.
	if i, j := strings.Index(md, orphanQuote), strings.Index(md, "Orlovsky waved"); i < j {
		t.Errorf("orphan at %d comes before the last anchored excerpt at %d", i, j)
	}
}

func TestWrite_htmlEscapes(t *testing.T) {
	f := newFixture(t)
	page := render(t, f, export.Options{Format: export.HTML})
	for _, bad := range []string{"<script>", "<img", "onerror=alert(1)>"} {
		if strings.Contains(page, bad) {
			t.Errorf("HTML contains live markup %q", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;", // the note's HTML shown as text
		"<strong>Wagner</strong>",               // the note's Markdown rendered
		`<mark class="c-yellow">`, ".c-yellow", "@media print",
		`<span class="orphan">(orphaned)</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(page, "<link") || strings.Contains(page, "<script") {
		t.Error("HTML is not self-contained")
	}
}

func TestWrite_csvParsesBack(t *testing.T) {
	f := newFixture(t)
	out := render(t, f, export.Options{Format: export.CSV})
	if !strings.Contains(out, "\r\n") {
		t.Error("CSV rows do not end in CRLF (RFC 4180)")
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if got := strings.Join(rows[0], ","); got != strings.Join(export.CSVHeader, ",") {
		t.Fatalf("header %q", got)
	}
	if len(rows) != 1+5 {
		t.Fatalf("%d rows, want header + 5", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	byQuote := map[string][]string{}
	for _, r := range rows[1:] {
		byQuote[r[col["Highlight"]]] = r
	}
	first := byQuote["Moscow says the aid will help the country push back armed groups that control large parts of its north."]
	if first == nil {
		t.Fatal("first highlight missing")
	}
	checks := map[string]string{
		"Note": noteMarkup, "Tags": "Russia–Africa ties, Sahel/Mali", "Location": "1", "Color": "yellow",
		"Title": testutil.SampleTitle, "Author": testutil.SampleByline,
		"Outlet": "Meridian", "Published": "2024-03-14", "Status": "anchored",
	}
	for k, want := range checks {
		if got := first[col[k]]; got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if got := byQuote["Russia steps up after\u00a0France exit"][col["Note"]]; got != "'"+noteFormula {
		t.Errorf("formula-like note = %q, want it neutralised with a leading apostrophe", got)
	}
	orphan := byQuote[orphanQuote]
	if orphan == nil || orphan[col["Status"]] != "orphaned" || orphan[col["Location"]] != "" {
		t.Errorf("orphan row = %q", orphan)
	}
}

func TestWrite_jsonW3C(t *testing.T) {
	f := newFixture(t)
	out := render(t, f, export.Options{Format: export.JSON})
	var coll map[string]any
	if err := json.Unmarshal([]byte(out), &coll); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, out)
	}
	text, err := f.nb.Text(f.article.ID)
	if err != nil {
		t.Fatal(err)
	}
	validateCollection(t, coll, []rune(text.Text))
	items := coll["first"].(map[string]any)["items"].([]any)
	if len(items) != 5 || coll["total"].(float64) != 5 {
		t.Fatalf("%d items, total %v; want 5", len(items), coll["total"])
	}
	first := items[0].(map[string]any)
	if first["motivation"] != "commenting" {
		t.Errorf("annotation with a note has motivation %v", first["motivation"])
	}
	var purposes []string
	for _, b := range first["body"].([]any) {
		body := b.(map[string]any)
		purposes = append(purposes, body["purpose"].(string))
		if body["purpose"] == "commenting" && (body["format"] != "text/markdown" || body["value"] != noteMarkup) {
			t.Errorf("note body = %v", body)
		}
	}
	if got := strings.Join(purposes, ","); got != "commenting,tagging,tagging" {
		t.Errorf("body purposes %s", got)
	}
	if items[1].(map[string]any)["motivation"] != "highlighting" {
		t.Errorf("plain highlight has motivation %v", items[1].(map[string]any)["motivation"])
	}
}

// validateCollection checks the W3C Web Annotation shape: required keys
// and their types, and that position selectors (code points) select the
// quote in text.
func validateCollection(t *testing.T, coll map[string]any, text []rune) {
	t.Helper()
	ctx, ok := coll["@context"].([]any)
	if !ok || len(ctx) == 0 || ctx[0] != export.AnnoContext {
		t.Errorf("@context = %v, want a list starting with %s", coll["@context"], export.AnnoContext)
	}
	if coll["type"] != "AnnotationCollection" {
		t.Errorf("type = %v", coll["type"])
	}
	if _, ok := coll["id"].(string); !ok {
		t.Error("collection id is not a string")
	}
	page, ok := coll["first"].(map[string]any)
	if !ok || page["type"] != "AnnotationPage" {
		t.Fatalf("first = %v, want an AnnotationPage", coll["first"])
	}
	items, ok := page["items"].([]any)
	if !ok {
		t.Fatal("first.items is not a list")
	}
	for i, it := range items {
		a, ok := it.(map[string]any)
		if !ok {
			t.Fatalf("item %d is not an object", i)
		}
		if id, _ := a["id"].(string); !strings.HasPrefix(id, "urn:") {
			t.Errorf("item %d: id %v is not an IRI", i, a["id"])
		}
		if a["type"] != "Annotation" {
			t.Errorf("item %d: type %v", i, a["type"])
		}
		if m := a["motivation"]; m != "highlighting" && m != "commenting" {
			t.Errorf("item %d: motivation %v", i, m)
		}
		if bodies, present := a["body"]; present {
			for _, b := range bodies.([]any) {
				body := b.(map[string]any)
				if body["type"] != "TextualBody" {
					t.Errorf("item %d: body type %v", i, body["type"])
				}
				if _, ok := body["value"].(string); !ok {
					t.Errorf("item %d: body value is not a string", i)
				}
				if p := body["purpose"]; p != "commenting" && p != "tagging" {
					t.Errorf("item %d: body purpose %v", i, p)
				}
			}
		}
		target, ok := a["target"].(map[string]any)
		if !ok {
			t.Fatalf("item %d: target is not an object", i)
		}
		if src, _ := target["source"].(string); src == "" {
			t.Errorf("item %d: target has no source", i)
		}
		var exact string
		var pos []float64
		for _, s := range target["selector"].([]any) {
			sel := s.(map[string]any)
			switch sel["type"] {
			case "TextQuoteSelector":
				exact, _ = sel["exact"].(string)
			case "TextPositionSelector":
				start, ok1 := sel["start"].(float64)
				end, ok2 := sel["end"].(float64)
				if !ok1 || !ok2 || start < 0 || end < start {
					t.Errorf("item %d: bad position selector %v", i, sel)
				}
				pos = []float64{start, end}
			default:
				t.Errorf("item %d: unexpected selector %v", i, sel["type"])
			}
		}
		if exact == "" {
			t.Errorf("item %d: no TextQuoteSelector", i)
		}
		orphan := a["gloss:status"] == "orphaned"
		if orphan != (pos == nil) {
			t.Errorf("item %d: orphan %v but position %v", i, orphan, pos)
		}
		if pos != nil && string(text[int(pos[0]):int(pos[1])]) != exact {
			t.Errorf("item %d: position %v selects %q, not %q", i, pos, string(text[int(pos[0]):int(pos[1])]), exact)
		}
	}
}

func TestWrite_templateFile(t *testing.T) {
	f := newFixture(t)
	tmpl := `{{range .Articles}}{{.Title}} by {{join .Authors "; "}}
{{range .Excerpts}}- {{.Quote}} [{{.Location}}] {{hashtags .Tags}} {{.Citation}}
{{end}}{{end}}`
	out := render(t, f, export.Options{Template: tmpl, TemplateName: "mine.tmpl", Citation: export.APA})
	for _, want := range []string{
		"Russia pledges drones and grain to Burkina Faso by Amara Lindqvist; Joseph Ouédraogo\n",
		"- Moscow says the aid will help the country push back armed groups that control large parts of its north. [¶1] #Russia–Africa_ties #Sahel/Mali (Lindqvist & Ouédraogo, 2024, para. 1)\n",
		"- " + orphanQuote + " [(orphaned)] #Russia–Africa_ties (Lindqvist & Ouédraogo, 2024)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("template output lacks %q; got\n%s", want, out)
		}
	}
}

func TestWrite_errors(t *testing.T) {
	f := newFixture(t)
	boom := errors.New("disk on fire")
	failing := func(yield func(export.Item, error) bool) { yield(export.Item{}, boom) }
	failLater := func(yield func(export.Item, error) bool) {
		for it, err := range f.nb.Excerpts(notebook.ExportScope{All: true}) {
			if !yield(it, err) {
				return
			}
		}
		yield(export.Item{}, boom)
	}
	tests := []struct {
		name  string
		items iter.Seq2[export.Item, error]
		opt   export.Options
		want  string
	}{
		{"bad format", failing, export.Options{Format: "docx"}, `format "docx"`},
		{"bad style", failing, export.Options{Citation: "mla"}, `citation style "mla"`},
		{"bad template", f.nb.Excerpts(notebook.ExportScope{All: true}), export.Options{Template: "{{range}}", TemplateName: "t.tmpl"}, "t.tmpl"},
		{"template field", f.nb.Excerpts(notebook.ExportScope{All: true}), export.Options{Template: "{{range .Articles}}{{.Nope}}{{end}}"}, "Nope"},
	}
	for _, format := range export.Formats {
		tests = append(tests,
			struct {
				name  string
				items iter.Seq2[export.Item, error]
				opt   export.Options
				want  string
			}{"stream fails at once " + string(format), failing, export.Options{Format: format}, "disk on fire"},
			struct {
				name  string
				items iter.Seq2[export.Item, error]
				opt   export.Options
				want  string
			}{"stream fails later " + string(format), failLater, export.Options{Format: format}, "disk on fire"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			_, err := export.Write(&b, tt.items, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tt.want)
			}
			if strings.Contains(tt.name, "at once") && b.Len() > 0 {
				t.Errorf("wrote %d bytes before failing", b.Len())
			}
		})
	}
}
