package app

import (
	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/internal/testutil/nbtest"

	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	_ "github.com/glossnotes/gloss/internal/localefix"

	"github.com/glossnotes/gloss/notebook"
)

// harness drives a UI on the Fyne test driver. Work that the UI hands to
// the Fyne goroutine is queued and run by settle on the test goroutine.
type harness struct {
	t     *testing.T
	ui    *UI
	nb    *notebook.Notebook
	win   fyne.Window
	mu    sync.Mutex
	queue []func()
}

// newHarness opens a UI on a fresh notebook in a temporary folder; the
// welcome article is added only when welcome is true.
func newHarness(t *testing.T, welcome bool) *harness {
	t.Helper()
	return newHarnessOn(t, nbtest.OpenTemp(t), welcome)
}

// newHarnessOn is newHarness on a given notebook (over a wrapped store).
func newHarnessOn(t *testing.T, nb *notebook.Notebook, welcome bool) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	installTheme(a, themeLight)
	h := &harness{t: t, nb: nb, win: a.NewWindow("Gloss test")}
	h.ui = New(a, h.win, nb)
	h.ui.postFn = h.enqueue
	if !welcome {
		h.ui.prefs.SetBool(prefKey(nb.Path(), prefWelcomed), true)
	}
	h.win.SetContent(h.ui.Content())
	h.win.Resize(fyne.NewSize(1280, 800))
	h.ui.installMenus()
	h.ui.Start()
	h.settle()
	return h
}

func (h *harness) enqueue(fn func()) {
	h.mu.Lock()
	h.queue = append(h.queue, fn)
	h.mu.Unlock()
}

// settle waits for background work and runs what it handed back, until
// nothing is left.
func (h *harness) settle() {
	for {
		h.ui.jobs.wg.Wait()
		h.mu.Lock()
		q := h.queue
		h.queue = nil
		h.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, fn := range q {
			fn()
		}
	}
}

// closeDialogs closes the dialogs the UI has open (as the user would
// before going on).
func (h *harness) closeDialogs() {
	for len(h.ui.dialogs) > 0 {
		h.ui.closeModal(h.ui.dialogs[len(h.ui.dialogs)-1])
	}
}

// importSample imports the sample article and returns its ID.
func (h *harness) importSample() string {
	h.t.Helper()
	h.ui.importPaths([]string{testutil.SamplePath(h.t)})
	h.settle()
	for _, a := range h.ui.lib.all {
		if a.Title == testutil.SampleTitle {
			return a.ID
		}
	}
	h.t.Fatalf("sample not in the library: %+v", h.ui.lib.all)
	return ""
}

// selectQuote selects the first occurrence of quote in the reader.
func (h *harness) selectQuote(quote string) (int, int) {
	h.t.Helper()
	text := h.ui.reader.view.Text()
	i := strings.Index(text, quote)
	if i < 0 {
		h.t.Fatalf("%q not in the article", quote)
	}
	s := utf8.RuneCountInString(text[:i])
	e := s + utf8.RuneCountInString(quote)
	h.ui.reader.view.SetSelection(s, e)
	return s, e
}

// writeFile writes a text file in a temporary folder.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	return writeFileIn(t, t.TempDir(), name, text)
}

// writeFileIn writes a text file in dir.
func writeFileIn(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
