package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

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
	nav     *history
	pending *pendingList // pending highlights (pending.go)
	syncer  *syncUI      // sync: menu, status line, automatic sync (sync.go)
	// reuse marks shared passages in the reader; tagSources sums up the
	// selected tag's independent sources (reuse.go, reuse_sources.go).
	reuse      *reuseView
	tagSources *tagSources
	// timeline is the Timeline window, when open (timeline_view.go).
	timeline timelineSlot

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
	picker       *tagPicker      // the open tag picker (for tests)
	exporter     *exportDialog   // the open export dialog (for tests)
	tagManager   *tagManager     // the open tag manager (for tests)
	versions     *versionsDialog // the open version history (for tests)
	merger       *mergeDialog    // the open merge dialog (for tests)
	lookAlike    *lookAlikePrompt
	lastError    string // the latest error shown (for tests)
	tips         *tipLayer
	shortcuts    map[string]func()
	modals       int             // dialogs of ours open (the reader hides its caret)
	dialogs      []dialog.Dialog // those dialogs, oldest first

	// openNotebook switches the window to another notebook (set by Run).
	openNotebook func(path string)

	// postFn runs fn on the Fyne goroutine (fyne.Do); tests replace it
	// with a queue they drain on their own goroutine. Use post.
	postFn func(fn func())
	jobs   *jobRunner
	// now is the clock of progress throttling (tests replace it).
	now func() time.Time

	// openSeq numbers article loads; only the latest one is shown.
	openSeq int
	// refresh is the state of the single refresh path (refresh.go).
	refresh refreshState
	// whenShown holds work waiting for an annotation's card (a note
	// editor to open on a highlight still being committed).
	whenShown map[string][]func()

	reloadGen  int // guards against stale library loads (Fyne goroutine only)
	pendingSeq int // numbers highlights drawn before their commit
}

// New builds the UI for a notebook in window w. Tests call it with a test
// app and window; Run calls Start afterwards to begin loading.
func New(a fyne.App, w fyne.Window, nb *notebook.Notebook) *UI {
	ui := &UI{app: a, win: w, nb: nb, prefs: a.Preferences(), lastColor: notebook.Yellow,
		postFn: fyne.Do, shortcuts: map[string]func(){}, jobs: newJobRunner(), now: time.Now,
		whenShown: map[string][]func(){}, tips: newTipLayer()}
	if c, err := notebook.ParseColor(ui.prefs.String(prefLastColor)); err == nil {
		ui.lastColor = c
	}
	ui.undo = newUndoStack(ui)
	ui.notify = newNotifier(ui)
	ui.nav = newHistory(ui)
	ui.lib = newLibrary(ui)
	ui.reader = newReader(ui)
	ui.reuse, ui.tagSources = newReuseView(ui), newTagSources(ui)
	ui.reader.view.OnMarkTapped = ui.markTapped
	ui.anns = newAnnotationsPane(ui)
	ui.palette = newPalette(ui)
	ui.pending, ui.syncer = newPendingList(ui), newSyncUI(ui)
	ui.applyIdentity() // the name chosen in Sync → Your name for annotations
	nb.Watch(func(ch notebook.Change) { ui.post(func() { ui.changed(ch) }) })
	w.SetOnDropped(ui.dropped)
	return ui
}

// Start loads the library in the background, shows the last article (or
// the welcome article in an empty notebook), then counts orphans and the
// trash and builds the search and event-date indexes.
func (ui *UI) Start() { ui.startLoad(true) }

// startLoad loads the library and the last article first (what the window
// shows), then the counts and (with warm) the search and event-date
// indexes, so that they do not compete with it for the disk and the cores.
func (ui *UI) startLoad(warm bool) {
	last := ui.prefs.String(prefKey(ui.nb.Path(), prefLastArticle))
	ui.lib.onLoaded = func() {
		if ui.cur.ID == "" && len(ui.lib.shown) > 0 && last == "" {
			ui.openArticle(ui.lib.shown[0].ID, jump{})
		}
		ui.welcomeIfEmpty()
		ui.countOrphans()
		ui.countTrash()
		ui.loadPending()
		ui.syncer.start()
		if warm {
			ui.background(func(context.Context) func() {
				ui.nb.WarmSearch() // errors surface on the first search
				// The event dates (cards, the timeline) then come from
				// the index, without reading article texts.
				ui.nb.WarmEvents()
				return nil
			})
		}
	}
	ui.lib.reload()
	if last != "" {
		ui.openArticle(last, jump{})
	}
}

// focusReader gives the keyboard to the reader (its letter keys act on
// the selection or the selected highlight).
func (ui *UI) focusReader() {
	if ui.modals > 0 {
		return
	}
	ui.win.Canvas().Focus(ui.reader.view)
}
