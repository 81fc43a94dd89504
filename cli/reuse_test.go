package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/notebook/importer"
)

func TestReuse(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	var rs []importer.Result
	mustJSON(t, &rs, "--db", db, "import", testutil.SamplePath(t))
	sample := rs[0].ID
	copied := "Harbour Post\n\nThe regional daily adds: According to the transitional authorities, it is the highest-ranking Russian defence official ever to set foot in Burkina Faso. It is also Orlovsky’s fourth African tour since October 2023, part of a push to win friends on the continent at a time when Western capitals are seeking to isolate Moscow.\n"
	p := filepath.Join(dir, "copy.txt")
	os.WriteFile(p, []byte(copied), 0o600)
	mustJSON(t, &rs, "--db", db, "import", p)
	other := rs[0].ID

	var ps []struct {
		Start, End int
		Key        string
		Others     []struct {
			ArticleID  string `json:"article_id"`
			Start, End int
			Similarity float64
			Published  string
		}
	}
	mustJSON(t, &ps, "--db", db, "reuse", other)
	if len(ps) != 1 || len(ps[0].Others) != 1 || ps[0].Others[0].ArticleID != sample || ps[0].Others[0].Published != testutil.SamplePublished || ps[0].Others[0].Similarity <= 0.8 {
		t.Fatalf("reuse %+v", ps)
	}
	out, errs, code := gloss(t, "", "--db", db, "reuse", "--all")
	if code != 0 || !strings.Contains(out, "in 2 articles, first in "+testutil.SampleTitle) {
		t.Errorf("--all: %s\n%s", errs, out)
	}
	// export --reuse names the other carrier under a highlight of the
	// passage; formats without a place for it refuse the flag.
	if _, errs, code := gloss(t, "", "--db", db, "highlight", sample, "--quote", "highest-ranking Russian defence official"); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code = gloss(t, "", "--db", db, "export", "--article", sample, "--reuse")
	if code != 0 || !strings.Contains(out, "Also in: Harbour Post") {
		t.Errorf("export --reuse: exit %d %s\n%s", code, errs, out)
	}
	if out, _, _ := gloss(t, "", "--db", db, "export", "--article", sample); strings.Contains(out, "Also in") {
		t.Errorf("export without --reuse names carriers:\n%s", out)
	}
	for _, f := range []string{"json", "csl"} {
		if _, errs, code := gloss(t, "", "--db", db, "export", "--all", "--reuse", "--format", f); code != ExitUsage || !strings.Contains(errs, "--reuse") {
			t.Errorf("--reuse --format %s: exit %d %s", f, code, errs)
		}
	}
	if _, errs, code := gloss(t, "", "--db", db, "reuse", "--mute", ps[0].Key); code != 0 {
		t.Fatal(errs)
	}
	mustJSON(t, &ps, "--db", db, "reuse", other)
	if len(ps) != 0 {
		t.Errorf("muted passage still listed: %+v", ps)
	}
	if _, _, code := gloss(t, "", "--db", db, "reuse"); code != ExitUsage {
		t.Errorf("reuse without a target: exit %d", code)
	}
	if _, _, code := gloss(t, "", "--db", db, "reuse", other, "--min-words", "2"); code != ExitUsage {
		t.Errorf("--min-words 2: exit %d", code)
	}
}
