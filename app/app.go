// Package app is Gloss's desktop front end, built with Fyne over the same
// notebook.Notebook operations as the CLI.
//
// The UI is split by concern: window.go lays out the three panes (with
// minimum widths), library.go, reader.go and annotations.go are the panes
// (card.go, chips.go the annotation cards, cardkeys.go their keys and the
// focus model), actions.go the selection action bar and the reader's keys,
// tags.go and tagfold.go the tag picker, look-alike tags, tag menu and
// manager, palette.go the search palette, navigate.go Back and Forward,
// reattach.go, versions.go and trash.go the orphans, the version history
// and the trash, importing.go and exporting.go the background import and
// the export dialog, menus.go the menus and shortcuts, undo.go the undo
// stack, prefs.go the remembered settings, welcome.go the first run and
// errors.go the error and dialog helpers. mdparse.go, mdlayout.go and
// mdview.go render notes (Markdown, wrapped at word boundaries);
// fitlabel.go and tooltip.go are small widgets Fyne lacks.
//
// Background work (jobs.go, refresh.go): every user operation is one
// notebook method, run off the Fyne goroutine — reads in background jobs,
// writes in one ordered write queue — and hands its result back through
// UI.post. The display follows commits through one path, UI.changed, fed
// by the notebook's change feed, which reads only what a change affects.
// Long jobs take the UI's context; switching notebooks or quitting cancels
// them and waits for them before the notebook is closed.
package app

import (
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/assets"
	"github.com/glossnotes/gloss/notebook"
)

// AppID is the application ID, as in FyneApp.toml; preferences are stored
// under it.
const AppID = "io.github.glossnotes.gloss"

// Run opens the desktop app on the notebook at dbPath ("" for the default
// notebook, the same file the CLI uses), opened with open, and returns when
// the window is closed.
func Run(dbPath string, open notebook.Opener) error {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	installTheme(a, a.Preferences().StringWithFallback(prefTheme, themeSystem))
	w := a.NewWindow("Gloss")
	w.Resize(savedWindowSize(a.Preferences()))

	nb, err := open(dbPath, notebook.ReadWrite)
	if err != nil {
		// Show the core's message in a dialog; closing it ends the app.
		w.SetContent(widget.NewLabel(""))
		d := dialog.NewError(err, w)
		d.SetOnClosed(a.Quit)
		d.Show()
		w.ShowAndRun()
		return err
	}
	h := &host{app: a, win: w, openNB: open}
	h.attach(nb)
	quitOnSignal(a)
	w.SetCloseIntercept(func() {
		h.ui.savePrefs()
		w.Close()
	})
	w.ShowAndRun()
	return h.close()
}

// The notebook's lifetime: a UI's long jobs (import, export, index build)
// run with its context; switching notebooks or quitting cancels it, and
// the notebook is closed only once every job and queued write has
// returned, so nothing runs against a closed database.

// host owns the window across notebook switches (File → New / Open).
type host struct {
	app    fyne.App
	win    fyne.Window
	ui     *UI
	openNB notebook.Opener
}

// attach shows nb in the window. The previous notebook's jobs are
// cancelled and it is closed once they have returned (in the background:
// the new notebook is shown at once).
func (h *host) attach(nb *notebook.Notebook) {
	if old := h.ui; old != nil {
		old.savePrefs()
		wait := old.shutdown()
		go func() {
			wait()
			if err := old.nb.Close(); err != nil {
				fyne.LogError("close notebook "+old.nb.Path(), err)
			}
		}()
	}
	h.ui = New(h.app, h.win, nb)
	h.ui.openNotebook = h.open
	h.ui.installMenus()
	rememberRecent(h.app.Preferences(), nb.Path())
	h.win.SetContent(h.ui.Content())
	h.ui.Start()
}

// open switches to the notebook at path, creating it when missing.
func (h *host) open(path string) {
	if h.ui != nil && path == h.ui.nb.Path() {
		return
	}
	nb, err := h.openNB(path, notebook.ReadWrite)
	if err != nil {
		h.ui.showError(err)
		return
	}
	h.attach(nb)
}

// close ends the last notebook when the window has closed: its jobs are
// cancelled and waited for, then it is closed.
func (h *host) close() error {
	if h.ui == nil {
		return nil
	}
	h.ui.savePrefs()
	h.ui.shutdown()()
	return h.ui.nb.Close()
}

// quitOnSignal quits the app cleanly (closing the notebook) on SIGINT or
// SIGTERM, as a desktop session or a test harness asks.
func quitOnSignal(a fyne.App) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ch
		fyne.Do(a.Quit)
	}()
}
