package storage

import (
	"fmt"
	"os"
	"path/filepath"
)

// EnvDB is the environment variable that names the notebook file.
const EnvDB = "GLOSS_DB"

// DefaultPath returns the notebook file used when none is given: $GLOSS_DB
// if set, else notebook.db in the per-user data directory
// ($XDG_DATA_HOME/gloss, by default ~/.local/share/gloss). The CLI and the
// desktop app share it.
func DefaultPath() (string, error) {
	if p := os.Getenv(EnvDB); p != "" {
		return p, nil
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the default notebook: %w (set %s or pass --db)", err, EnvDB)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "gloss", "notebook.db"), nil
}
