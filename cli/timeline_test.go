package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/notebook/importer"
)

func TestTimeline(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	var rs []importer.Result
	mustJSON(t, &rs, "--db", db, "import", testutil.SamplePath(t))
	id := rs[0].ID
	var a1, a2, a3 map[string]any
	mustJSON(t, &a1, "--db", db, "highlight", id, "--quote", "A second group of instructors arrived only recently, on February 27", "--tag", "Security")
	mustJSON(t, &a2, "--db", db, "highlight", id, "--quote", "Orlovsky waved the criticism aside", "--tag", "Security")
	mustJSON(t, &a3, "--db", db, "highlight", id, "--quote", "Russian private military contractor Wagner Group", "--tag", "Security")
	ev, _ := a1["event"].(map[string]any)
	if ev == nil || ev["start"] != "2024-02-27" || ev["precision"] != "day" || ev["evidence"] != "on February 27" {
		t.Errorf("highlight's event: %v", a1["event"])
	}
	if a2["event"] != nil {
		t.Errorf("a passage without a date has an event: %v", a2["event"])
	}
	// The user sets a date; "clear" and "auto" are accepted; a bad date is
	// a usage error.
	var got map[string]any
	mustJSON(t, &got, "--db", db, "annotation", a2["id"].(string), "--event-date", "2023-01")
	if ev, _ := got["event"].(map[string]any); ev == nil || ev["start"] != "2023-01-01" || ev["end"] != "2023-01-31" || ev["user_set"] != true {
		t.Errorf("user's event: %v", got["event"])
	}
	if _, errs, code := gloss(t, "", "--db", db, "annotation", a2["id"].(string), "--event-date", "soon"); code != ExitUsage {
		t.Errorf("bad --event-date: exit %d %s", code, errs)
	}

	var items []map[string]any
	mustJSON(t, &items, "--db", db, "timeline", "--tag", "Security")
	if len(items) != 3 || items[0]["start"] != "2023-01-01" || items[1]["start"] != "2024-02-27" || items[0]["user_set"] != true {
		t.Fatalf("timeline JSON %v", items)
	}
	for _, k := range []string{"annotation_id", "article_id", "quote", "start", "end", "precision", "evidence", "relative", "user_set", "published"} {
		if _, ok := items[1][k]; !ok {
			t.Errorf("timeline entry lacks %q: %v", k, items[1])
		}
	}
	out, _, code := gloss(t, "", "--db", db, "timeline", "--all", "--include-undated", "--format", "json")
	var both struct{ Dated, Undated []map[string]any }
	if err := json.Unmarshal([]byte(out), &both); code != 0 || err != nil {
		t.Fatalf("--include-undated JSON: %v %s", err, out)
	}
	mustJSON(t, &got, "--db", db, "annotation", a2["id"].(string), "--event-date", "clear")
	out, _, _ = gloss(t, "", "--db", db, "timeline", "--all", "--include-undated")
	if !strings.Contains(out, "(undated)") || !strings.Contains(out, "2024-02-27") {
		t.Errorf("table:\n%s", out)
	}
	for _, f := range []string{"csv", "timelinejs", "svg", "html"} {
		p := filepath.Join(dir, "tl."+f)
		if _, errs, code := gloss(t, "", "--db", db, "timeline", "--all", "--format", f, "-o", p); code != 0 {
			t.Fatalf("%s: %s", f, errs)
		}
		if b, err := os.ReadFile(p); err != nil || !strings.Contains(string(b), "2024") {
			t.Errorf("%s output lacks the event: %v", f, err)
		}
	}
	if _, _, code := gloss(t, "", "--db", db, "timeline"); code != ExitUsage {
		t.Errorf("timeline without a scope: exit %d", code)
	}
	if _, _, code := gloss(t, "", "--db", db, "timeline", "--all", "--lanes", "colour"); code != ExitUsage {
		t.Errorf("bad lanes: exit %d", code)
	}
}
