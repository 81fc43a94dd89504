package cli

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestRelativePaths: a notebook and a sync remote named by paths relative
// to the working directory work like absolute ones (git runs elsewhere,
// in the notebook's working copy).
func TestRelativePaths(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Chdir(t.TempDir())
	if out, err := exec.Command("git", "init", "--bare", "-q", "team.git").CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	if err := os.WriteFile("note.txt", []byte("Rain came late to the valley this spring.\n\nThe first sowing waited a fortnight.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--db", "a.db", "import", "note.txt"},
		{"--db", "a.db", "sync", "init", "team.git"},
		{"--db", "a.db", "sync"},
		{"--db", "a.db", "sync", "status"},
		{"--db", "b.db", "sync", "clone", "team.git"},
	} {
		if out, errs, code := gloss(t, "", args...); code != 0 {
			t.Fatalf("gloss %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
		}
	}
	if out, _, code := gloss(t, "", "--db", "b.db", "list"); code != 0 || !strings.Contains(out, " note") {
		t.Errorf("the clone lists:\n%s", out)
	}
}
