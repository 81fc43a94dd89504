package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSync_commands: init, status, sync and clone from the command line.
func TestSync_commands(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	remote := filepath.Join(dir, "team.git")
	if out, err := exec.Command("git", "init", "--bare", "-q", remote).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	src := filepath.Join(dir, "Early harvest.txt")
	if err := os.WriteFile(src, []byte("Tomatoes ripened early on the hills this year.\n\nThe market opened a week before its usual day.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := gloss(t, "", "--db", a, "import", src); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	if _, errs, code := gloss(t, "", "--db", a, "sync", "status"); code == 0 || !strings.Contains(errs, "sync init") {
		t.Errorf("status before init: %d %s", code, errs)
	}
	out, errs, code := gloss(t, "", "--db", a, "sync", "init", remote)
	if code != 0 || !strings.Contains(out, "pushed") {
		t.Fatalf("sync init: %d %s %s", code, out, errs)
	}
	if out, errs, code = gloss(t, "", "--db", b, "sync", "clone", remote); code != 0 {
		t.Fatalf("sync clone: %d %s %s", code, out, errs)
	}
	if _, errs, code := gloss(t, "", "--db", b, "sync", "clone", remote); code != ExitUsage {
		t.Errorf("clone onto an existing notebook: %d %s", code, errs)
	}
	var list []map[string]any
	mustJSON(t, &list, "--db", b, "list")
	if len(list) != 1 {
		t.Fatalf("clone has %v", list)
	}
	var st map[string]any
	mustJSON(t, &st, "--db", b, "sync", "status")
	if st["remote"] != remote || st["pending"].(float64) != 0 {
		t.Errorf("status = %v", st)
	}
	if out, errs, code = gloss(t, "", "--db", b, "sync"); code != 0 || !strings.Contains(out, "synced with") {
		t.Errorf("sync: %d %s %s", code, out, errs)
	}
	if _, errs, code := gloss(t, "", "--db", a, "check"); code != 0 {
		t.Errorf("check: %s", errs)
	}
}

// TestSync_gitMissingOrFailing: without git on PATH, and with a remote git
// cannot use, the sync commands fail with a message that says so.
func TestSync_gitMissingOrFailing(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	src := filepath.Join(dir, "Early harvest.txt")
	if err := os.WriteFile(src, []byte("Tomatoes ripened early on the hills this year.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := gloss(t, "", "--db", db, "import", src); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	// A remote that is not a repository: git's own words reach the user.
	missing := filepath.Join(dir, "nowhere.git")
	_, errs, code := gloss(t, "", "--db", db, "sync", "init", missing)
	if code == 0 || !strings.Contains(errs, "fetch from "+missing) || !strings.Contains(errs, "does not appear to be a git repository") {
		t.Errorf("init with a missing remote: exit %d, %q", code, errs)
	}
	var st map[string]any
	mustJSON(t, &st, "--db", db, "sync", "status")
	if msg, _ := st["last_error"].(string); !strings.Contains(msg, "does not appear to be a git repository") {
		t.Errorf("status keeps the last error: %v", st)
	}
	// No git at all.
	t.Setenv("PATH", t.TempDir())
	_, errs, code = gloss(t, "", "--db", db, "sync")
	if code == 0 || !strings.Contains(errs, "git is not installed") || !strings.Contains(errs, "install Git") {
		t.Errorf("sync without git: exit %d, %q", code, errs)
	}
}
