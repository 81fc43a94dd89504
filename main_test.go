package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain_QuietUnderCLocale runs the real binary under the C locale, as CI
// and containers do, and checks that a CLI command prints nothing on
// standard error (Fyne's locale lookup used to log an error on every run).
func TestMain_QuietUnderCLocale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "gloss")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, lang := range []string{"C", "C.UTF-8", "POSIX"} {
		cmd := exec.Command(bin, "--db", filepath.Join(t.TempDir(), "nb.db"), "list")
		cmd.Env = append(os.Environ(), "LANG="+lang, "LC_ALL=")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("LANG=%s: %v\n%s", lang, err, stderr.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("LANG=%s: unexpected standard error output:\n%s", lang, stderr.String())
		}
	}
}
