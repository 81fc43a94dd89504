package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
)

// refsNotebook has three articles: two tagged Floods (one highlighted,
// one not) and one outside the tag.
func refsNotebook(t *testing.T) (db string, ids []string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "nb.db")
	for _, a := range []struct{ file, title, byline, published string }{
		{"flood.txt", "Flood warning saves the harvest", "Lena Obi and Marc Petit, with Reuters", "2024-05-01"},
		{"dam.txt", "Dam inquiry: no fault in the design", "Valley Post staff", "2024-05-03"},
		{"ferry.txt", "Ferry crews walk out {again} & 50% more", "Harbour Gazette", ""},
	} {
		id := pasteArticle(t, db, a.file, a.title)
		// A pasted text has no metadata at import, so its key is "anon…";
		// --citekey "" makes it anew from the metadata set here.
		args := []string{"--db", db, "set", id, "--byline", a.byline, "--outlet", "North News", "--citekey", ""}
		if a.published != "" {
			args = append(args, "--published", a.published)
		}
		if _, errs, code := gloss(t, "", args...); code != 0 {
			t.Fatalf("set: %s", errs)
		}
		ids = append(ids, id)
	}
	for _, id := range ids[:2] {
		if _, errs, code := gloss(t, "", "--db", db, "tag", "add", id, "Floods"); code != 0 {
			t.Fatalf("tag: %s", errs)
		}
	}
	if _, errs, code := gloss(t, "", "--db", db, "highlight", ids[0], "--quote", "opened the sluice gates at dawn", "--note", "who decided?"); code != 0 {
		t.Fatalf("highlight: %s", errs)
	}
	return db, ids
}

func TestSet_CiteKey(t *testing.T) {
	db, ids := refsNotebook(t)
	var a notebook.Article
	mustJSON(t, &a, "--db", db, "show", ids[0])
	if a.CiteKey != "obi2024flood" {
		t.Fatalf("key at import %q", a.CiteKey)
	}
	tests := []struct {
		name string
		id   string
		key  string
		code int
	}{
		{"valid", ids[0], "obi:flood-2024", 0},
		{"taken (other case)", ids[1], "OBI:FLOOD-2024", 2},
		{"not a key", ids[1], "two words", 2},
		{"non-ASCII", ids[1], "öbi2024", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := gloss(t, "", "--db", db, "set", tt.id, "--citekey", tt.key)
			if code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, errs)
			}
			if code != 0 && !strings.Contains(errs, "citation key") {
				t.Errorf("message %q does not say what is wrong", errs)
			}
		})
	}
	mustJSON(t, &a, "--db", db, "show", ids[0])
	if a.CiteKey != "obi:flood-2024" {
		t.Errorf("key after set: %q", a.CiteKey)
	}
	var list []notebook.Article
	mustJSON(t, &list, "--db", db, "list")
	for _, l := range list {
		if l.CiteKey == "" {
			t.Errorf("list --json: %s has no citekey", l.ID)
		}
	}
	out, _, _ := gloss(t, "", "--db", db, "show", ids[0])
	if !strings.Contains(out, "Cite key:") || !strings.Contains(out, "obi:flood-2024") {
		t.Errorf("show does not print the key:\n%s", out)
	}
}

// TestExport_References: every reference format for a tag scope holds
// every article under the tag, highlighted or not, under its stored key.
func TestExport_References(t *testing.T) {
	db, ids := refsNotebook(t)
	if _, errs, code := gloss(t, "", "--db", db, "set", ids[1], "--citekey", "valleypost:dam"); code != 0 {
		t.Fatal(errs)
	}
	for _, tt := range []struct {
		format string
		want   []string
		not    []string
	}{
		{"csl", []string{`"id": "obi2024flood"`, `"id": "valleypost:dam"`, `"type": "article-newspaper"`, `"family": "Obi"`, `"container-title": "North News"`}, []string{"Ferry"}},
		{"bibtex", []string{"@article{obi2024flood,", "@article{valleypost:dam,", "Obi, Lena and Petit, Marc", "journaltitle"}, []string{"Ferry"}},
		{"ris", []string{"TY  - NEWS", "AU  - Obi, Lena", "ID  - valleypost:dam", "ER  -"}, []string{"Ferry"}},
	} {
		t.Run(tt.format, func(t *testing.T) {
			out, errs, code := gloss(t, "", "--db", db, "export", "--tag", "Floods", "--format", tt.format)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in\n%s", w, out)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("%q (outside the scope) in\n%s", n, out)
				}
			}
		})
	}
	// --all brings the third article, with its LaTeX specials escaped.
	out, _, code := gloss(t, "", "--db", db, "export", "--all", "--format", "bibtex")
	if code != 0 || !strings.Contains(out, `\{again\} \& 50\% more`) {
		t.Errorf("bibtex --all:\n%s", out)
	}
	var csl []map[string]any
	out, _, _ = gloss(t, "", "--db", db, "export", "--all", "--format", "csl")
	if err := json.Unmarshal([]byte(out), &csl); err != nil || len(csl) != 3 {
		t.Errorf("csl --all: %d items, %v", len(csl), err)
	}
	for _, bad := range [][]string{
		{"--format", "csl", "--notes-only"},
		{"--format", "ris", "--context", "sentence"},
		{"--format", "html", "--citekeys", "-o", filepath.Join(t.TempDir(), "x.html")},
		{"--format", "md", "--citekeys"},
		{"--format", "md", "--citekeys", "-o", filepath.Join(t.TempDir(), "x.md.gz")},
	} {
		if _, errs, code := gloss(t, "", append([]string{"--db", db, "export", "--all"}, bad...)...); code != 2 {
			t.Errorf("export %v: exit %d (%s), want 2", bad, code, errs)
		}
	}
}

// TestExport_PandocCitekeys: --citekeys writes draft.md with pandoc
// citations and draft.json beside it; pandoc --citeproc renders the draft
// with the citations resolved (where pandoc is installed: make test's
// set-up installs it).
func TestExport_PandocCitekeys(t *testing.T) {
	db, _ := refsNotebook(t)
	dir := t.TempDir()
	md := filepath.Join(dir, "draft.md")
	out, errs, code := gloss(t, "", "--db", db, "export", "--all", "--citekeys", "-o", md)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, filepath.Join(dir, "draft.json")) {
		t.Errorf("the summary does not name the bibliography:\n%s", out)
	}
	draft, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(draft), "bibliography: draft.json") || !strings.Contains(string(draft), "[@obi2024flood, para. 2]") {
		t.Fatalf("draft:\n%s", draft)
	}
	var bib []map[string]any
	data, err := os.ReadFile(filepath.Join(dir, "draft.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &bib); err != nil || len(bib) != 1 || bib[0]["id"] != "obi2024flood" {
		t.Fatalf("bibliography (the articles of the draft): %v %s", err, data)
	}
	// A copy of the built-in template gives the same draft.
	tmpl, _, code := gloss(t, "", "--db", db, "export", "--show-template", "--citekeys")
	if code != 0 || !strings.Contains(tmpl, ".Cite") {
		t.Fatalf("show-template --citekeys: %d\n%s", code, tmpl)
	}
	if err := os.WriteFile(filepath.Join(dir, "mine.tmpl"), []byte(tmpl), 0o600); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "mine.md")
	if _, errs, code := gloss(t, "", "--db", db, "export", "--all", "--citekeys", "--template", filepath.Join(dir, "mine.tmpl"), "-o", mine); code != 0 {
		t.Fatalf("--citekeys --template: %s", errs)
	}
	withTemplate, _ := os.ReadFile(mine)
	strip := func(b []byte) string { // the bibliography's name and export time differ
		s := strings.ReplaceAll(string(b), "mine.json", "draft.json")
		return regexp.MustCompile(`exported: .*`).ReplaceAllString(s, "")
	}
	if strip(withTemplate) != strip(draft) {
		t.Errorf("the copied template's draft differs:\n%s\nwant\n%s", withTemplate, draft)
	}

	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc is not installed (make test installs it): the end-to-end rendering is not checked")
	}
	cmd := exec.Command(pandoc, "--citeproc", "-t", "plain", "draft.md")
	cmd.Dir = dir
	got, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pandoc: %v\n%s", err, got)
	}
	text := strings.Join(strings.Fields(string(got)), " ")
	for _, w := range []string{"(Obi and Petit 2024, para. 2)", "Obi, Lena, and Marc Petit. 2024", "Flood warning saves the harvest"} {
		if !strings.Contains(text, w) {
			t.Errorf("pandoc output lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(text, "???") || strings.Contains(string(got), "[WARNING]") {
		t.Errorf("unresolved citation:\n%s", got)
	}
}
