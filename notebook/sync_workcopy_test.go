package notebook_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/glossnotes/gloss/notebook"
)

// TestSync_workingCopyLost: a working copy that is missing, empty or
// half made (a process killed while making it) is made again at the next
// sync, which then completes.
func TestSync_workingCopyLost(t *testing.T) {
	for _, tt := range []struct {
		name   string
		break_ func(dir string) error
	}{
		{"missing", os.RemoveAll},
		{"empty", func(dir string) error {
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
			return os.Mkdir(dir, 0o700)
		}},
		{"no origin", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "config"), []byte("[core]\n\tbare = true\n"), 0o600)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newSyncWorld(t)
			ama, ben := w.notebook("Ama"), w.notebook("Ben")
			art := article(t, ama, "Barges at the port", textOne)
			w.join(ama)
			w.join(ben)
			// Ama changes something, and her working copy breaks before
			// she syncs it.
			if _, err := ama.SetArticleNote(art.ID, "Ask the ferry operators."); err != nil {
				t.Fatal(err)
			}
			if err := tt.break_(notebook.SyncDir(ama.Path())); err != nil {
				t.Fatal(err)
			}
			w.sync(ama)
			w.sync(ben)
			same(t, ama, ben)
			if got, _ := ben.Article(art.ID); got.Note != "Ask the ferry operators." {
				t.Errorf("Ben's note = %q", got.Note)
			}
		})
	}
}
