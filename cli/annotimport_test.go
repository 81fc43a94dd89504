package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/importer"
)

// pasteArticle imports a testdata text through standard input (its first
// line is the article's URL) and returns the article's ID.
func pasteArticle(t *testing.T, db, name, title string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "annotations", name))
	if err != nil {
		t.Fatal(err)
	}
	out, errs, code := gloss(t, string(data), "--db", db, "import", "-", "--json")
	if code != 0 {
		t.Fatalf("import %s: exit %d: %s", name, code, errs)
	}
	var rs []importer.Result
	mustDecode(t, out, &rs)
	if len(rs) != 1 || rs[0].Outcome != importer.Imported {
		t.Fatalf("import %s: %+v", name, rs)
	}
	if _, errs, code := gloss(t, "", "--db", db, "set", rs[0].ID, "--title", title); code != 0 {
		t.Fatalf("set title: %s", errs)
	}
	return rs[0].ID
}

func importJSON(t *testing.T, db string, paths ...string) ([]importer.Result, int) {
	t.Helper()
	out, errs, code := gloss(t, "", append([]string{"--db", db, "import", "--json"}, paths...)...)
	var rs []importer.Result
	if out != "" {
		mustDecode(t, out, &rs)
	} else if code == 0 {
		t.Fatalf("no output: %s", errs)
	}
	return rs, code
}

func annotationsOf(t *testing.T, db, id string) []notebook.Annotation {
	t.Helper()
	var anns []notebook.Annotation
	mustJSON(t, &anns, "--db", db, "annotations", id)
	return anns
}

// TestImport_Annotations: a Hypothesis export and a Readwise CSV go
// through gloss import into the articles already there (matched by
// normalised URL or title), the rest waits in gloss pending and attaches
// when its article comes, and a second import changes nothing.
func TestImport_Annotations(t *testing.T) {
	db := filepath.Join(t.TempDir(), "nb.db")
	flood := pasteArticle(t, db, "flood.txt", "Flood warning saves the harvest")
	ferry := pasteArticle(t, db, "ferry.txt", "Ferry crews walk out")
	hyp := filepath.Join("testdata", "annotations", "hypothesis.json")
	rw := filepath.Join("testdata", "annotations", "readwise.csv")

	rs, code := importJSON(t, db, hyp, rw)
	if code != 0 || len(rs) != 2 {
		t.Fatalf("exit %d, results %+v", code, rs)
	}
	h, r := rs[0].Annotations, rs[1].Annotations
	if rs[0].Outcome != importer.Annotations || h == nil || h.Format != "hypothesis" || h.Matched != 3 || h.Anchored != 2 || h.Orphaned != 1 || h.Pending != 1 {
		t.Errorf("hypothesis: %+v %+v", rs[0], h)
	}
	if r == nil || r.Format != "readwise" || r.Matched != 2 || r.Anchored != 2 || r.Pending != 0 {
		t.Errorf("readwise: %+v %+v", rs[1], r)
	}
	anns := annotationsOf(t, db, flood)
	if len(anns) != 3 {
		t.Fatalf("flood annotations: %+v", anns)
	}
	var first notebook.Annotation
	for _, a := range anns {
		if a.Quote == "opened the sluice gates at dawn" {
			first = a
		}
	}
	if first.Quote != "opened the sluice gates at dawn" || first.Note != "Who ordered the gates opened? *Check.*" ||
		strings.Join(first.Tags, ",") != "Hydrology/Floods,sluices" || first.Status != notebook.Anchored || first.Created.Year() != 2024 {
		t.Errorf("hypothesis annotation: %+v", first)
	}
	ferryAnns := annotationsOf(t, db, ferry)
	if len(ferryAnns) != 2 || ferryAnns[0].Color != notebook.Magenta && ferryAnns[1].Color != notebook.Magenta {
		t.Errorf("ferry annotations (the AMP URL and Readwise's pink): %+v", ferryAnns)
	}

	var groups []notebook.PendingGroup
	mustJSON(t, &groups, "--db", db, "pending")
	if len(groups) != 1 || len(groups[0].Annotations) != 1 || !strings.Contains(groups[0].URL, "valley-post") {
		t.Fatalf("pending: %+v", groups)
	}
	out, _, code := gloss(t, "", "--db", db, "pending")
	if code != 0 || !strings.Contains(out, "valley-post.example") || !strings.Contains(out, "1 pending annotation on 1 document") {
		t.Errorf("pending listing:\n%s", out)
	}

	// The same files again: nothing changes.
	rs, code = importJSON(t, db, hyp, rw)
	if code != 0 || rs[0].Annotations.Skipped != 4 || rs[1].Annotations.Skipped != 2 || rs[0].Annotations.Matched+rs[1].Annotations.Matched != 0 {
		t.Errorf("second import: %+v %+v", rs[0].Annotations, rs[1].Annotations)
	}
	if n := len(annotationsOf(t, db, flood)); n != 3 {
		t.Errorf("%d flood annotations after the second import", n)
	}
	out, _, _ = gloss(t, "", "--db", db, "import", hyp)
	if !strings.Contains(out, "0 matched (0 anchored, 0 moved, 0 orphaned), 0 pending, 4 already imported") {
		t.Errorf("summary:\n%s", out)
	}

	// The pending annotation attaches itself to its article.
	dam := pasteArticle(t, db, "dam.txt", "The dam report")
	anns = annotationsOf(t, db, dam)
	if len(anns) != 1 || anns[0].Quote != "the inquiry found no fault in the design" || anns[0].Status != notebook.Anchored {
		t.Errorf("attached: %+v", anns)
	}
	out, _, _ = gloss(t, "", "--db", db, "pending")
	if !strings.Contains(out, "no pending annotations") {
		t.Errorf("pending after attaching:\n%s", out)
	}
	if out, errs, code := gloss(t, "", "--db", db, "check"); code != 0 {
		t.Errorf("check: %s %s", out, errs)
	}
}

// TestImport_HostileAnnotations: files that look like annotation exports
// but cannot be read whole are refused with a clear reason, exit code 1,
// and write nothing.
func TestImport_HostileAnnotations(t *testing.T) {
	db := filepath.Join(t.TempDir(), "nb.db")
	flood := pasteArticle(t, db, "flood.txt", "Flood warning saves the harvest")
	row := func(field string) string {
		return `{"rows":[{"id":"ok-1","uri":"https://north-news.example/rivers/flood-warning","text":"fine","target":[{"source":"x","selector":[{"type":"TextQuoteSelector","exact":"the water fell"}]}]},` +
			`{"id":"bad-2","uri":"https://north-news.example/rivers/flood-warning",` + field + `}]}`
	}
	dir := t.TempDir()
	files := map[string]struct{ content, want string }{
		"wrong-type.json":   {row(`"tags":"not a list"`), "tags"},
		"huge-number.json":  {row(`"target":[{"selector":[{"type":"TextPositionSelector","start":1e300,"end":2e300}]}]`), "start"},
		"deep.json":         {`{"rows":[` + strings.Repeat(`{"a":[`, 5000) + strings.Repeat(`]}`, 5000) + `]}`, "nest"},
		"not-utf8.json":     {row(`"text":"` + "\xff\xfe" + `"`), "UTF-8"},
		"huge-note.json":    {row(`"text":"` + strings.Repeat("n", notebook.MaxNoteBytes+10) + `"`), ""},
		"truncated.json":    {`{"rows":[{"id":"x","uri":"https://a.example/"`, ""},
		"bad-readwise.csv":  {"Highlight,Book Title,URL,Highlighted at\n\"unclosed,quote,https://a.example,2024-01-01\n", ""},
		"negative-pos.json": {row(`"target":[{"selector":[{"type":"TextPositionSelector","start":-5,"end":3}]}]`), "negative position"},
	}
	for name, f := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte(f.content), 0o600); err != nil {
				t.Fatal(err)
			}
			rs, code := importJSON(t, db, path)
			if code != 1 || len(rs) != 1 || rs[0].Outcome != importer.Refused {
				t.Fatalf("exit %d, results %+v; want one refused file and exit 1", code, rs)
			}
			if !strings.Contains(rs[0].Reason, path) || !strings.Contains(rs[0].Reason, f.want) {
				t.Errorf("reason %q should name the file and mention %q", rs[0].Reason, f.want)
			}
			if anns := annotationsOf(t, db, flood); len(anns) != 0 {
				t.Errorf("%d annotations written", len(anns))
			}
			var groups []notebook.PendingGroup
			mustJSON(t, &groups, "--db", db, "pending")
			if len(groups) != 0 {
				t.Errorf("pending written: %+v", groups)
			}
		})
	}
}

// mustDecode decodes JSON output or fails the test.
func mustDecode(t *testing.T, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("bad JSON %v:\n%s", err, out)
	}
}
