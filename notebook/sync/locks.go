package sync

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ClearStaleLocks removes the lock files a git killed in the middle of
// its work left in the working copy (refs/heads/main.lock, say), which
// would otherwise make every later sync fail. It must be called only
// while no other sync can use the working copy (the notebook's lock) and
// removes only locks older than staleLockAge (see proc_*.go). It returns
// how many it removed.
func (r *Repo) ClearStaleLocks() (int, error) {
	n := 0
	now := time.Now()
	err := filepath.WalkDir(r.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			if path != r.Dir && filepath.Dir(path) == r.Dir && d.Name() == "objects" {
				return fs.SkipDir // object files take no locks
			}
			return nil
		}
		if !strings.HasSuffix(d.Name(), ".lock") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if now.Sub(info.ModTime()) < staleLockAge {
			return nil
		}
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("working copy: a stale git lock %s cannot be removed: %w", path, err)
		}
		n++
		return nil
	})
	return n, err
}
