package app

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/glossnotes/gloss/notebook"
)

// UI is the main window's content over one notebook.
type UI struct {
	app   fyne.App
	win   fyne.Window
	nb    *notebook.Notebook
	prefs fyne.Preferences

	lib     *library
	reader  *reader
	anns    *annotationsPane
	notify  *notifier
	undo    *undoStack
	palette *palette

	// cur is the article shown in the reader ("" ID when none).
	cur     notebook.Article
	curAnns []notebook.Annotation
	// selAnn is the selected annotation's ID.
	selAnn string
	// lastColor is the colour H highlights in.
	lastColor notebook.Color
	// lastQuery is the latest query typed in the search palette (export
	// scope "current search").
	lastQuery string

	outer, inner *container.Split
	picker       *tagPicker    // the open tag picker (for tests)
	exporter     *exportDialog // the open export dialog (for tests)
	shortcuts    map[string]func()

	// openNotebook switches the window to another notebook (set by Run).
	openNotebook func(path string)

	// post runs fn on the Fyne goroutine; tests replace it with a queue
	// they drain on their own goroutine.
	post func(fn func())
	jobs sync.WaitGroup

	mu        sync.Mutex
	reloadGen int // guards against stale library loads
}

// New builds the UI for a notebook in window w. Tests call it with a test
// app and window; Run calls Start afterwards to begin loading.
func New(a fyne.App, w fyne.Window, nb *notebook.Notebook) *UI {
	ui := &UI{app: a, win: w, nb: nb, prefs: a.Preferences(), lastColor: notebook.Yellow,
		post: fyne.Do, shortcuts: map[string]func(){}}
	if c, err := notebook.ParseColor(ui.prefs.String(prefLastColor)); err == nil {
		ui.lastColor = c
	}
	ui.undo = newUndoStack(ui)
	ui.notify = newNotifier(ui)
	ui.lib = newLibrary(ui)
	ui.reader = newReader(ui)
	ui.anns = newAnnotationsPane(ui)
	ui.palette = newPalette(ui)
	nb.Watch(func(ch notebook.Change) { ui.post(func() { ui.changed(ch) }) })
	w.SetOnDropped(ui.dropped)
	return ui
}

// Start loads the library in the background, shows the last article (or
// the welcome article in an empty notebook) and warms the search index.
func (ui *UI) Start() {
	ui.lib.onLoaded = ui.welcomeIfEmpty
	ui.lib.reload(ui.prefs.String(prefKey(ui.nb.Path(), prefLastArticle)))
	ui.background(func() func() {
		ui.nb.WarmSearch() // errors surface on the first search
		return nil
	})
}

// background runs work on its own goroutine and then its result (if not
// nil) on the Fyne goroutine. Tests wait for it with settle.
func (ui *UI) background(work func() (apply func())) {
	ui.jobs.Add(1)
	go func() {
		defer ui.jobs.Done()
		if apply := work(); apply != nil {
			ui.post(apply)
		}
	}()
}

// changed refreshes what a committed change affects.
func (ui *UI) changed(ch notebook.Change) {
	if len(ch.Articles) > 0 || len(ch.Annotations) > 0 || ch.Tags {
		ui.lib.scheduleReload()
	}
	if ui.cur.ID == "" {
		return
	}
	for _, id := range ch.Articles {
		if id == ui.cur.ID {
			ui.refreshCurrent()
			return
		}
	}
	if len(ch.Annotations) > 0 || ch.Tags {
		ui.refreshCurrent()
	}
}
