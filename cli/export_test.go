package cli

import (
	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/internal/testutil/nbtest"

	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook/importer"

	"github.com/glossnotes/gloss/notebook"
)

// exportFixture imports the sample article and highlights two passages;
// it returns the notebook path and the article ID.
func exportFixture(t *testing.T) (string, string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "nb.db")
	var imported []importer.Result
	mustJSON(t, &imported, "--db", db, "import", testutil.SamplePath(t))
	id := imported[0].ID
	var ann map[string]any
	mustJSON(t, &ann, "--db", db, "highlight", id, "--quote", "Moscow says the aid will help the country",
		"--tag", "Russia–Africa ties", "--tag", "Sahel/Burkina", "--note", "=1+1 <script>x</script>")
	mustJSON(t, &ann, "--db", db, "highlight", id, "--quote", "Orlovsky waved the criticism aside", "--color", "red")
	return db, id
}

func TestExport_scopesAndFormats(t *testing.T) {
	db, id := exportFixture(t)
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, out string)
	}{
		{"markdown by tag", []string{"--tag", "sahel"}, func(t *testing.T, out string) {
			for _, want := range []string{"> Moscow says the aid will help the country\n", "#Sahel/Burkina", "Amara Lindqvist"} {
				if !strings.Contains(out, want) {
					t.Errorf("lacks %q", want)
				}
			}
			if strings.Contains(out, "Orlovsky waved") {
				t.Error("untagged highlight exported")
			}
		}},
		{"colour", []string{"--color", "red", "--format", "txt"}, func(t *testing.T, out string) {
			if !strings.Contains(out, "“Orlovsky waved the criticism aside”") || strings.Contains(out, "Moscow says") {
				t.Errorf("got\n%s", out)
			}
		}},
		{"article prefix, csv", []string{"--article", id[:24], "--format", "csv"}, func(t *testing.T, out string) {
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(rows) != 3 {
				t.Fatalf("%d rows, %v", len(rows), err)
			}
			if rows[1][4] != "'=1+1 <script>x</script>" {
				t.Errorf("note cell %q not neutralised", rows[1][4])
			}
		}},
		{"query, json", []string{"--query", "Orlovsky waved", "--format", "json"}, func(t *testing.T, out string) {
			var coll struct {
				Type  string
				Total int
			}
			if err := json.Unmarshal([]byte(out), &coll); err != nil || coll.Type != "AnnotationCollection" || coll.Total != 1 {
				t.Errorf("collection %+v, %v", coll, err)
			}
		}},
		{"html escapes notes", []string{"--all", "--format", "html"}, func(t *testing.T, out string) {
			if strings.Contains(out, "<script>x") || !strings.Contains(out, "&lt;script&gt;x") {
				t.Error("note HTML not escaped")
			}
		}},
		{"published range, apa", []string{"--after", "2024-03", "--before", "2024-04", "--citation", "apa"}, func(t *testing.T, out string) {
			if !strings.Contains(out, "Lindqvist, A., \\& Ouédraogo, J. (2024, March 14).") {
				t.Errorf("no APA reference in\n%s", out)
			}
		}},
		{"nothing in range", []string{"--after", "2025"}, func(t *testing.T, out string) {
			if strings.Contains(out, "Moscow says") {
				t.Error("article outside the range exported")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := gloss(t, "", append([]string{"--db", db, "export"}, tt.args...)...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			tt.check(t, out)
		})
	}
}

func TestExport_usage(t *testing.T) {
	db, _ := exportFixture(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no scope", nil, "--all"},
		{"bad format", []string{"--all", "--format", "docx"}, "docx"},
		{"bundle needs all", []string{"--tag", "Sahel", "--format", "bundle"}, "--all"},
		{"bad colour", []string{"--color", "teal"}, "teal"},
		{"bad date", []string{"--after", "last week"}, "--after"},
		{"bad context", []string{"--all", "--context", "page"}, "page"},
		{"both filters", []string{"--all", "--notes-only", "--highlights-only"}, "exclude"},
		{"template and format", []string{"--all", "--format", "csv", "--template", "x.tmpl"}, "--template"},
		{"argument", []string{"--all", "extra"}, "argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := gloss(t, "", append([]string{"--db", db, "export"}, tt.args...)...)
			if code != ExitUsage || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d mentioning %q", code, errs, ExitUsage, tt.want)
			}
		})
	}
}

func TestExport_files(t *testing.T) {
	db, _ := exportFixture(t)
	dir := t.TempDir()

	md := filepath.Join(dir, "out.md")
	var sum exportSummary
	mustJSON(t, &sum, "--db", db, "export", "--all", "-o", md)
	if sum.Articles != 1 || sum.Annotations != 2 || sum.Path != md {
		t.Errorf("summary %+v", sum)
	}
	if b, err := os.ReadFile(md); err != nil || !bytes.Contains(b, []byte("Moscow says")) {
		t.Errorf("file: %v\n%s", err, b)
	}

	gz := filepath.Join(dir, "out.csv.gz")
	if _, errs, code := gloss(t, "", "--db", db, "export", "--all", "--format", "csv", "-o", gz); code != 0 {
		t.Fatalf("gzip export: %s", errs)
	}
	f, err := os.Open(gz)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("not gzipped: %v", err)
	}
	if b, _ := io.ReadAll(zr); !bytes.HasPrefix(b, []byte("Highlight,Title,Author")) {
		t.Errorf("gunzipped %.40q", b)
	}

	bad := filepath.Join(dir, "missing-dir", "out.md")
	_, errs, code := gloss(t, "", "--db", db, "export", "--all", "-o", bad)
	if code != ExitError || !strings.Contains(errs, bad) {
		t.Errorf("unwritable path: exit %d, %q", code, errs)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left files behind: %v", entries)
	}

	tmpl := filepath.Join(dir, "mine.tmpl")
	os.WriteFile(tmpl, []byte(`{{range .Articles}}{{range .Excerpts}}{{.Location}}|{{end}}{{end}}`), 0o600)
	out, errs, code := gloss(t, "", "--db", db, "export", "--all", "--template", tmpl)
	if code != 0 || out != "¶1|¶22|" {
		t.Errorf("template: exit %d %q %s", code, out, errs)
	}
	_, errs, code = gloss(t, "", "--db", db, "export", "--all", "--template", filepath.Join(dir, "nope.tmpl"))
	if code != ExitError || !strings.Contains(errs, "nope.tmpl") {
		t.Errorf("missing template: exit %d %q", code, errs)
	}

	out, _, code = gloss(t, "", "export", "--show-template", "--format", "txt")
	if code != 0 || !strings.Contains(out, "range .Articles") {
		t.Errorf("show-template: exit %d %.80q", code, out)
	}
}

// TestExport_bundle: export --all --format bundle, merge it into an empty
// notebook, and the Markdown of both is the same.
func TestExport_bundle(t *testing.T) {
	db, _ := exportFixture(t)
	path := filepath.Join(t.TempDir(), "all.gloss.json.gz")
	if _, errs, code := gloss(t, "", "--db", db, "export", "--all", "--format", "bundle", "-o", path); code != 0 {
		t.Fatalf("bundle: %s", errs)
	}
	if b, err := os.ReadFile(path); err != nil || !notebook.IsBundle(bytes.NewReader(b)) {
		t.Fatalf("IsBundle = false for the exported bundle (%v)", err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("bundle mode %v (%v), want 0600", st.Mode().Perm(), err)
	}

	copyDB := filepath.Join(t.TempDir(), "copy.db")
	nb := notebook.New(nbtest.Store(t, copyDB))
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = nb.MergeBundle(f)
	f.Close()
	nb.Close()
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := gloss(t, "", "--db", db, "export", "--all", "--format", "csv")
	got, _, _ := gloss(t, "", "--db", copyDB, "export", "--all", "--format", "csv")
	if got != want || want == "" {
		t.Errorf("the merged copy exports differently:\n%s\n---\n%s", got, want)
	}
}

// TestExport_neverOverTheNotebook: an export or a backup whose output
// resolves to the notebook (by name, a symbolic link or a hard link) or to
// a file kept beside it is refused, and the notebook is unchanged. Before,
// `export --all -o self.db` replaced the notebook with Markdown.
func TestExport_neverOverTheNotebook(t *testing.T) {
	db, _ := exportFixture(t)
	dir := filepath.Dir(db)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	sym := filepath.Join(t.TempDir(), "link.md")
	if err := os.Symlink(db, sym); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.md")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	// A search leaves the index cache beside the notebook.
	gloss(t, "", "--db", db, "search", "Orlovsky")
	tests := []struct{ name, out string }{
		{"the notebook", db},
		{"the notebook by a relative name", filepath.Join(dir, ".", filepath.Base(db))},
		{"a symbolic link to it", sym},
		{"a hard link to it", hard},
		{"its search index", db + ".search-index"},
		{"a migration backup", db + ".schema1-20260101T000000.bak"},
	}
	for _, tt := range tests {
		for _, args := range [][]string{{"export", "--all", "-o", tt.out}, {"backup", tt.out}} {
			t.Run(tt.name+"/"+args[0], func(t *testing.T) {
				_, errs, code := gloss(t, "", append([]string{"--db", db}, args...)...)
				if code != ExitError || !strings.Contains(errs, "the notebook's own file") {
					t.Errorf("exit %d, stderr %q: want a refusal", code, errs)
				}
			})
		}
	}
	after, err := os.ReadFile(db)
	if err != nil || !bytes.Equal(before, after) {
		t.Fatalf("the notebook changed (%v)", err)
	}
	var arts []any
	mustJSON(t, &arts, "--db", db, "list")
	if len(arts) != 1 {
		t.Errorf("%d articles after the refused exports", len(arts))
	}
}

// TestExport_fullDevice: writing to a full disk is an error, not a
// success, for exports to standard output, exports to a file and backups.
func TestExport_fullDevice(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full here")
	}
	db, _ := exportFixture(t)
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer full.Close()
	var errb bytes.Buffer
	code := Run([]string{"--db", db, "export", "--all"}, strings.NewReader(""), full, &errb, testDeps)
	if code != ExitError || !strings.Contains(errb.String(), "no space left") {
		t.Errorf("export to a full standard output: exit %d, %q", code, errb.String())
	}
	for _, args := range [][]string{{"export", "--all", "-o", "/dev/full"}, {"backup", "/dev/full"}} {
		_, errs, code := gloss(t, "", append([]string{"--db", db}, args...)...)
		if code != ExitError || !strings.Contains(errs, "no space left") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	if st, err := os.Stat("/dev/full"); err != nil || st.Mode().IsRegular() {
		t.Fatalf("/dev/full was replaced by a regular file (%v)", err)
	}
}

// TestExport_filesArePrivate: exports and backups are written 0600, like
// the notebook.
func TestExport_filesArePrivate(t *testing.T) {
	db, _ := exportFixture(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"export", "--all", "-o", filepath.Join(dir, "a.md")},
		{"export", "--all", "--format", "csv", "-o", filepath.Join(dir, "a.csv")},
		{"backup", filepath.Join(dir, "b.db")},
	} {
		if _, errs, code := gloss(t, "", append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
		if st, err := os.Stat(args[len(args)-1]); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%v: mode %v (%v), want 0600", args, st.Mode().Perm(), err)
		}
	}
}

// TestReadCommands_readOnlyNotebook: a notebook the user may only read
// serves every read command.
func TestReadCommands_readOnlyNotebook(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file modes")
	}
	db, id := exportFixture(t)
	if err := os.Chmod(db, 0o400); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(db, 0o600) })
	for _, args := range [][]string{{"list"}, {"show", id}, {"search", "Orlovsky"}, {"check"}, {"export", "--all"}, {"backup", filepath.Join(t.TempDir(), "b.db")}} {
		if _, errs, code := gloss(t, "", append([]string{"--db", db}, args...)...); code != 0 {
			t.Errorf("%v on a read-only notebook: exit %d, %s", args, code, errs)
		}
	}
	if _, _, code := gloss(t, "", "--db", db, "note", id, "new note"); code == 0 {
		t.Error("a write to a read-only notebook succeeded")
	}
}
