package identity

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestName(t *testing.T) {
	t.Setenv(EnvUser, "Amara Lindqvist <amara@example.org>")
	if got := Name(); got != "Amara Lindqvist <amara@example.org>" {
		t.Errorf("from %s: %q", EnvUser, got)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv(EnvUser, "")
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	if got := Name(); got != "" {
		t.Errorf("without any configuration: %q", got)
	}
	os.WriteFile(filepath.Join(home, ".gitconfig"), []byte("[user]\n\tname = Joseph Ouédraogo\n\temail = joseph@example.org\n"), 0o600)
	if got := Name(); got != "Joseph Ouédraogo <joseph@example.org>" {
		t.Errorf("from git: %q", got)
	}
}
