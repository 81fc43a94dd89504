package cli

import (
	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/storage"

	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook/importer"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// gloss runs the CLI in-process and returns stdout, stderr and the exit code.
func gloss(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, strings.NewReader(stdin), &out, &errb, testDeps)
	return out.String(), errb.String(), code
}

// mustJSON runs a command with --json, requires exit 0 and decodes stdout.
func mustJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	out, errs, code := gloss(t, "", append(args, "--json")...)
	if code != 0 {
		t.Fatalf("gloss %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("gloss %s: bad JSON %v:\n%s", strings.Join(args, " "), err, out)
	}
}

// TestEndToEnd_SampleArticle is the core issue's walk-through on the sample
// article: import, metadata, highlight with tag and note, tag list, export,
// check.
func TestEndToEnd_SampleArticle(t *testing.T) {
	db := filepath.Join(t.TempDir(), "nb.db")
	var imported []importer.Result
	mustJSON(t, &imported, "--db", db, "import", testutil.SamplePath(t))
	if len(imported) != 1 || imported[0].Outcome != "imported" || imported[0].ID == "" {
		t.Fatalf("import = %+v", imported)
	}
	id := imported[0].ID

	var art map[string]any
	mustJSON(t, &art, "--db", db, "show", id)
	for key, want := range map[string]string{
		"title":     testutil.SampleTitle,
		"byline":    testutil.SampleByline,
		"published": testutil.SamplePublished,
	} {
		if art[key] != want {
			t.Errorf("%s = %q, want %q", key, art[key], want)
		}
	}
	text, _ := art["text"].(string)
	if strings.Contains(text, "Skip to") {
		t.Error("navigation lines were not removed")
	}
	for _, k := range []string{"id", "outlet", "url", "added", "tags"} {
		if _, ok := art[k]; !ok {
			t.Errorf("show --json lacks %q", k)
		}
	}

	const quote = "a large consignment of Russian reconnaissance drones"
	var ann map[string]any
	mustJSON(t, &ann, "--db", db, "highlight", id, "--quote", quote, "--color", "red",
		"--tag", "Russia–Africa ties", "--note", "Drone deliveries: evidence of *material* support.")
	if ann["quote"] != quote || ann["color"] != "red" || ann["status"] != "anchored" {
		t.Errorf("highlight = %v", ann)
	}
	start, end := int(ann["start"].(float64)), int(ann["end"].(float64))
	if got := string([]rune(text)[start:end]); got != quote {
		t.Errorf("offsets %d–%d select %q", start, end, got)
	}

	var tags []map[string]any
	mustJSON(t, &tags, "--db", db, "tag", "list")
	if len(tags) != 1 || tags[0]["name"] != "Russia–Africa ties" || tags[0]["annotations"] != 1.0 {
		t.Errorf("tag list = %v", tags)
	}

	// The annotation count is counted when read: every JSON form of the
	// article gives it, beside the article's own fields.
	var listed []map[string]any
	mustJSON(t, &listed, "--db", db, "list")
	var shown, set map[string]any
	mustJSON(t, &shown, "--db", db, "show", id)
	mustJSON(t, &set, "--db", db, "set", id, "--language", "en")
	for name, got := range map[string]map[string]any{"list": listed[0], "show": shown, "set": set} {
		if got["annotations"] != 1.0 || got["id"] != id {
			t.Errorf("%s --json: annotations = %v, id = %v; want 1, %s", name, got["annotations"], got["id"], id)
		}
	}

	out, errs, code := gloss(t, "", "--db", db, "export", "--tag", "Russia–Africa ties")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	for _, want := range []string{quote, "Drone deliveries", "Russia–Africa", testutil.SampleTitle, "Amara Lindqvist", "2024"} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}

	out, errs, code = gloss(t, "", "--db", db, "check")
	if code != 0 || !strings.Contains(out, "OK") {
		t.Errorf("check: exit %d %s %s", code, out, errs)
	}
	// Re-importing is reported as a duplicate.
	mustJSON(t, &imported, "--db", db, "import", testutil.SamplePath(t))
	if imported[0].Outcome != "duplicate" || imported[0].ID != id {
		t.Errorf("re-import = %+v", imported)
	}
}

func TestImport_Refusals(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	files := filepath.Join(dir, "in")
	os.MkdirAll(filepath.Join(files, "sub"), 0o755)
	write := func(name string, data []byte) string {
		p := filepath.Join(files, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("sub/good.txt", []byte("A title\n\nSome body text that is long enough to be an article paragraph."))
	empty := write("empty.txt", nil)
	binary := write("photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))
	huge := filepath.Join(files, "huge.txt")
	f, _ := os.Create(huge)
	f.Truncate(ingest.MaxFileSize + 1)
	f.Close()

	var rs []importer.Result
	out, errs, code := gloss(t, "", "--db", db, "--json", "import", files, filepath.Join(dir, "missing.txt"))
	if code != ExitError {
		t.Errorf("exit %d, want 1 when files are refused; stderr %s", code, errs)
	}
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	got := map[string]importer.Result{}
	for _, r := range rs {
		got[r.Path] = r
	}
	tests := []struct {
		path    string
		outcome importer.Outcome
		reason  string
	}{
		{good, "imported", ""},
		{empty, "refused", "empty"},
		{binary, "refused", "binary"},
		{huge, "refused", "large"},
		{filepath.Join(dir, "missing.txt"), "refused", "no such file"},
	}
	for _, tt := range tests {
		r, ok := got[tt.path]
		if !ok {
			t.Errorf("%s: not in the report %+v", tt.path, rs)
			continue
		}
		if r.Outcome != tt.outcome || !strings.Contains(strings.ToLower(r.Reason), tt.reason) {
			t.Errorf("%s: %s (%s), want %s mentioning %q", tt.path, r.Outcome, r.Reason, tt.outcome, tt.reason)
		}
		if tt.reason != "" && tt.path != filepath.Join(dir, "missing.txt") && !strings.Contains(r.Reason, filepath.Base(tt.path)) {
			t.Errorf("%s: reason %q does not name the file", tt.path, r.Reason)
		}
	}
	var arts []map[string]any
	mustJSON(t, &arts, "--db", db, "list")
	if len(arts) != 1 {
		t.Errorf("%d articles stored, want only the good one", len(arts))
	}
}

func TestImport_Stdin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "nb.db")
	out, errs, code := gloss(t, "https://example.test/story\nPasted headline\n\nPasted body paragraph with enough words.\n", "--db", db, "--json", "import", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rs []importer.Result
	json.Unmarshal([]byte(out), &rs)
	if len(rs) != 1 || rs[0].Outcome != "imported" {
		t.Fatalf("%s", out)
	}
	var art map[string]any
	mustJSON(t, &art, "--db", db, "show", rs[0].ID)
	if art["url"] != "https://example.test/story" {
		t.Errorf("url = %v", art["url"])
	}
}

func TestRun_ExitCodes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	var rs []importer.Result
	mustJSON(t, &rs, "--db", db, "import", testutil.SamplePath(t))
	id := rs[0].ID
	var ann map[string]any
	mustJSON(t, &ann, "--db", db, "highlight", id, "--quote", "Wagner Group", "--occurrence", "1")
	annID := ann["id"].(string)
	notNotebook := filepath.Join(dir, "notes.db")
	os.WriteFile(notNotebook, []byte(strings.Repeat("not a notebook\n", 1000)), 0o600)
	missing := filepath.Join(dir, "missing.db")
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	tests := []struct {
		name     string
		args     []string
		code     int
		stderrIn string
	}{
		{"unknown command", []string{"frobnicate"}, ExitUsage, "unknown command"},
		{"unknown flag", []string{"--db", db, "list", "--colour"}, ExitUsage, "unknown flag"},
		{"missing argument", []string{"--db", db, "show"}, ExitUsage, "article ID"},
		{"highlight without passage", []string{"--db", db, "highlight", "X"}, ExitUsage, "--quote"},
		{"bad date", []string{"--db", db, "list", "--after", "yesterday"}, ExitUsage, "--after"},
		{"unknown article", []string{"--db", db, "show", "01NOPE"}, ExitError, "not found"},
		{"not a notebook", []string{"--db", notNotebook, "list"}, ExitError, notNotebook},
		{"help", []string{"highlight", "--help"}, ExitOK, ""},
		// Read commands never create a notebook.
		{"check a missing notebook", []string{"--db", missing, "check"}, ExitError, "does not exist"},
		{"list a missing notebook", []string{"--db", missing, "list"}, ExitError, "does not exist"},
		{"check an empty file", []string{"--db", empty, "check"}, ExitError, "empty file"},
		{"empty --db", []string{"--db", "", "list"}, ExitUsage, "--db"},
		// Usage errors are 2 everywhere, bad values included.
		{"bad colour in highlight", []string{"--db", db, "highlight", id, "--quote", "Wagner Group", "--occurrence", "1", "--color", "chartreuse"}, ExitUsage, "chartreuse"},
		{"bad colour in annotation", []string{"--db", db, "annotation", annID, "--color", "chartreuse"}, ExitUsage, "chartreuse"},
		{"bad colour in search", []string{"--db", db, "search", "color:chartreuse"}, ExitUsage, "chartreuse"},
		{"bad sort", []string{"--db", db, "list", "--sort", "bogus"}, ExitUsage, "bogus"},
		{"bad published date", []string{"--db", db, "set", id, "--published", "0000-01-01"}, ExitUsage, "0000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := gloss(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.stderrIn) {
				t.Errorf("exit %d stderr %q, want %d containing %q", code, errs, tt.code, tt.stderrIn)
			}
		})
	}
	before, _ := os.ReadFile(notNotebook)
	if !bytes.Equal(before, []byte(strings.Repeat("not a notebook\n", 1000))) {
		t.Error("the non-notebook file was modified")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("a read command created the missing notebook")
	}
	if st, _ := os.Stat(empty); st.Size() != 0 {
		t.Error("check wrote to the empty file")
	}
}

func TestCLI_TagsTrashBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	var rs []importer.Result
	mustJSON(t, &rs, "--db", db, "import", testutil.SamplePath(t))
	id := rs[0].ID
	var ann map[string]any
	mustJSON(t, &ann, "--db", db, "highlight", id, "--quote", "Wagner Group", "--occurrence", "1", "--tag", "Sahel/Burkina")
	annID := ann["id"].(string)
	if _, errs, code := gloss(t, "", "--db", db, "tag", "add", id, "Sahel"); code != 0 {
		t.Fatal(errs)
	}
	var tags []map[string]any
	mustJSON(t, &tags, "--db", db, "tag", "list")
	if len(tags) != 2 || tags[0]["name"] != "Sahel" || tags[0]["annotations"] != 1.0 || tags[0]["articles"] != 1.0 {
		t.Errorf("tags = %v", tags)
	}
	if _, errs, code := gloss(t, "", "--db", db, "tag", "rename", "Sahel", "West Africa/Sahel"); code != 0 {
		t.Fatal(errs)
	}
	mustJSON(t, &ann, "--db", db, "annotation", annID)
	if tags := ann["tags"].([]any); len(tags) != 1 || tags[0] != "West Africa/Sahel/Burkina" {
		t.Errorf("after rename: %v", tags)
	}
	if _, errs, code := gloss(t, "", "--db", db, "delete", id); code != 0 {
		t.Fatal(errs)
	}
	var arts []any
	mustJSON(t, &arts, "--db", db, "list")
	if len(arts) != 0 {
		t.Errorf("list after delete: %v", arts)
	}
	if _, errs, code := gloss(t, "", "--db", db, "restore", id); code != 0 {
		t.Fatal(errs)
	}
	var anns []any
	mustJSON(t, &anns, "--db", db, "annotations", id)
	if len(anns) != 1 {
		t.Errorf("annotations after restore: %v", anns)
	}
	backup := filepath.Join(dir, "copy.db")
	if _, errs, code := gloss(t, "", "--db", db, "backup", backup); code != 0 {
		t.Fatal(errs)
	}
	mustJSON(t, &arts, "--db", backup, "list")
	if len(arts) != 1 {
		t.Errorf("backup holds %d articles", len(arts))
	}
	if st, _ := os.Stat(backup); st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v", st.Mode().Perm())
	}
}

func TestCLI_EditVersionsReattach(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	var rs []importer.Result
	mustJSON(t, &rs, "--db", db, "import", testutil.SamplePath(t))
	id := rs[0].ID[:24] // a prefix is enough (IDs made in the same millisecond share up to ~20 characters)
	var h1, h2 map[string]any
	mustJSON(t, &h1, "--db", db, "highlight", id, "--quote", "they are being met one by one", "--note", "keep me")
	mustJSON(t, &h2, "--db", db, "highlight", id, "--quote", "Wagner Group", "--occurrence", "1")
	var art map[string]any
	mustJSON(t, &art, "--db", db, "show", id)
	text := art["text"].(string)
	paras := strings.Split(text, "\n\n")
	var kept []string
	for _, p := range paras {
		if !strings.Contains(p, "being met one by one") {
			kept = append(kept, p)
		}
	}
	newFile := filepath.Join(dir, "new.txt")
	os.WriteFile(newFile, []byte("A new first paragraph.\r\n\r\n"+strings.Join(kept, "\r\n\r\n")), 0o644)

	var rep map[string]any
	mustJSON(t, &rep, "--db", db, "edit", id, "--text-file", newFile)
	if rep["anchored"] != 1.0 || len(rep["orphaned"].([]any)) != 1 || rep["version"] != 2.0 {
		t.Fatalf("report = %v", rep)
	}
	out, _, code := gloss(t, "", "--db", db, "annotations", id)
	if code != 0 || !strings.Contains(out, "[orphaned]") || !strings.Contains(out, "keep me") {
		t.Errorf("annotations do not show the orphan with its note:\n%s", out)
	}
	var vs map[string]any
	mustJSON(t, &vs, "--db", db, "versions", id)
	if vs["current"] != 2.0 || len(vs["versions"].([]any)) != 1 {
		t.Errorf("versions = %v", vs)
	}
	out, _, _ = gloss(t, "", "--db", db, "versions", id, "--show", "1")
	if !strings.Contains(out, "being met one by one") {
		t.Error("version 1 text lacks the deleted paragraph")
	}
	var re map[string]any
	mustJSON(t, &re, "--db", db, "reattach", h1["id"].(string), "--quote", "A new first paragraph")
	if re["status"] != "anchored" || re["note"] != "keep me" {
		t.Errorf("reattach = %v", re)
	}
	if _, errs, code := gloss(t, "", "--db", db, "edit", id); code != ExitUsage {
		t.Errorf("edit without --text-file: exit %d %s", code, errs)
	}
}

// TestImport_tableShowsTheReason: the summary table's DETAIL column gives
// the whole reason a file was refused, not the path again (the FILE column
// has it), and the JSON keeps both.
func TestImport_tableShowsTheReason(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	long := filepath.Join(dir, strings.Repeat("a-rather-long-folder-name-", 3), "photo.txt")
	os.MkdirAll(filepath.Dir(long), 0o755)
	os.WriteFile(long, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), 0o644)
	out, _, code := gloss(t, "", "--db", db, "import", long)
	if code != ExitError {
		t.Fatalf("exit %d, want 1", code)
	}
	lines := strings.Split(out, "\n")
	if len(lines) < 2 {
		t.Fatalf("no table:\n%s", out)
	}
	row := lines[1]
	want := "file is binary, not text (it looks like image/png: NUL byte at offset 8)"
	if !strings.Contains(row, want) || strings.Count(row, long) != 1 {
		t.Errorf("row %q: want the path once and the whole reason %q", row, want)
	}
	out, _, _ = gloss(t, "", "--db", db, "--json", "import", long)
	var rs []importer.Result
	if err := json.Unmarshal([]byte(out), &rs); err != nil || len(rs) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	if rs[0].Path != long || !strings.Contains(rs[0].Reason, long) || !strings.Contains(rs[0].Reason, want) {
		t.Errorf("JSON result %+v: want the path and the whole error", rs[0])
	}
}

// TestList_tagOnHighlight: `gloss list --tag T` lists an article whose only
// tag T is on one of its highlights, as the app's tag filter does.
func TestList_tagOnHighlight(t *testing.T) {
	db := filepath.Join(t.TempDir(), "nb.db")
	var rs []importer.Result
	mustJSON(t, &rs, "--db", db, "import", testutil.SamplePath(t))
	id := rs[0].ID
	var ann map[string]any
	mustJSON(t, &ann, "--db", db, "highlight", id, "--quote", "Wagner Group", "--occurrence", "1", "--tag", "Russia–Africa ties/Security")
	for _, tag := range []string{"Russia–Africa ties", "russia–africa ties/security"} {
		var arts []map[string]any
		mustJSON(t, &arts, "--db", db, "list", "--tag", tag)
		if len(arts) != 1 || arts[0]["id"] != id {
			t.Errorf("list --tag %q = %v, want the sample", tag, arts)
		}
	}
	var none []map[string]any
	mustJSON(t, &none, "--db", db, "list", "--tag", "Economy")
	if len(none) != 0 {
		t.Errorf("list --tag Economy = %v", none)
	}
}

// TestCLI_noTerminalEscapes: control characters typed into fields are not
// stored, and file names that carry them are printed quoted.
func TestCLI_noTerminalEscapes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	var rs []importer.Result
	mustJSON(t, &rs, "--db", db, "import", testutil.SamplePath(t))
	id := rs[0].ID
	if _, errs, code := gloss(t, "", "--db", db, "set", id, "--title", "\x1b[2JCleared\nscreen\u202e", "--byline", "A\x07B"); code != 0 {
		t.Fatal(errs)
	}
	if _, errs, code := gloss(t, "", "--db", db, "note", id, "line one\x1b]0;title\x07\r\nline two"); code != 0 {
		t.Fatal(errs)
	}
	out, _, _ := gloss(t, "", "--db", db, "show", id)
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\r"} {
		if strings.Contains(out, bad) {
			t.Errorf("show prints %q", bad)
		}
	}
	var art map[string]any
	mustJSON(t, &art, "--db", db, "show", id)
	if art["title"] != "[2JCleared screen" || art["byline"] != "AB" || art["note"] != "line one]0;title\nline two" {
		t.Errorf("stored %q / %q / %q", art["title"], art["byline"], art["note"])
	}
	weird := filepath.Join(dir, "evil\x1b[31m\nname.txt")
	if err := os.WriteFile(weird, []byte("\x00binary"), 0o644); err != nil {
		t.Skip("the file system refuses such names:", err)
	}
	out, _, _ = gloss(t, "", "--db", db, "import", weird)
	if strings.Contains(out, "\x1b") || !strings.Contains(out, `\x1b[31m\nname.txt`) {
		t.Errorf("import table prints the raw name:\n%q", out)
	}
}

// TestCLI_inputLimits: inputs named on the command line are read with a
// limit enforced while reading — /dev/zero is refused quickly, not read
// until memory runs out — and nothing is written.
func TestCLI_inputLimits(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	var rs []importer.Result
	mustJSON(t, &rs, "--db", db, "import", testutil.SamplePath(t))
	id := rs[0].ID
	bigNote := filepath.Join(dir, "note.md")
	os.WriteFile(bigNote, bytes.Repeat([]byte("a note that goes on and on\n"), 50_000), 0o600) // 1.35 MB
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"note from /dev/zero", []string{"note", id, "--file", "/dev/zero"}, "limit"},
		{"note over 1 MB", []string{"note", id, "--file", bigNote}, "1 MB"},
		{"text from /dev/zero", []string{"edit", id, "--text-file", "/dev/zero"}, "50 MB"},
		{"template from /dev/zero", []string{"export", "--all", "--template", "/dev/zero"}, "1 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := gloss(t, "", append([]string{"--db", db}, tt.args...)...)
			if code == 0 || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, %q; want a refusal mentioning %q", code, errs, tt.want)
			}
		})
	}
	var art map[string]any
	mustJSON(t, &art, "--db", db, "show", id)
	if art["note"] != "" || art["version"] != 1.0 {
		t.Errorf("something was written: note %d bytes, version %v", len(art["note"].(string)), art["version"])
	}
}

// testDeps wires the CLI to bbolt notebooks, as main does.
var testDeps = Deps{Open: storage.OpenNotebook, Doctor: storage.Doctor{}, DefaultPath: storage.DefaultPath}

// TestCheck_damageAndSalvage: check reports damage in a text (a flipped
// byte that keeps the file readable), refuses writes from then on, and
// --salvage copies what can be saved into a new notebook that passes check.
func TestCheck_damageAndSalvage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	var rs []importer.Result
	mustJSON(t, &rs, "--db", db, "import", testutil.SamplePath(t))
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("reconnaissance droneswas"))
	if i < 0 {
		t.Fatal("the text is not in the file as is")
	}
	data[i] = 'R' // "Reconnaissance": still valid UTF-8 and JSON, wrong hash
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code := gloss(t, "", "--db", db, "check")
	if code != ExitError || !strings.Contains(out, "SHA-256") {
		t.Fatalf("check: exit %d\n%s%s", code, out, errs)
	}
	if _, errs, code := gloss(t, "", "--db", db, "note", rs[0].ID, "a note"); code == 0 || !strings.Contains(errs, "damaged") {
		t.Errorf("a write after check found damage: exit %d %s", code, errs)
	}
	saved := filepath.Join(dir, "saved.db")
	var rep map[string]any
	mustJSON(t, &rep, "--db", db, "check", "--salvage", saved)
	if rep["dest"] != saved {
		t.Errorf("salvage report %v", rep)
	}
	if out, errs, code := gloss(t, "", "--db", saved, "check"); code != 0 {
		t.Errorf("the salvaged notebook fails check: %s %s", out, errs)
	}
}

// TestCheck_unopenable: a file too damaged to open as a notebook is still
// checked (page by page), with a clear report and no crash.
func TestCheck_unopenable(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nb.db")
	var rs []importer.Result
	mustJSON(t, &rs, "--db", db, "import", testutil.SamplePath(t))
	data, _ := os.ReadFile(db)
	for i := 16; i < 80; i++ { // both header pages' magic and checksum
		data[i] ^= 0xff
		data[4096+i] ^= 0xff
	}
	os.WriteFile(db, data, 0o600)
	out, errs, code := gloss(t, "", "--db", db, "check")
	if code != ExitError || out == "" || strings.Contains(errs, "panic") {
		t.Errorf("check of a file with both headers damaged: exit %d\n%s%s", code, out, errs)
	}
}
