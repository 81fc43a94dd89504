// Package app is Gloss's desktop front end, built with Fyne over the same
// notebook.Notebook operations as the CLI.
package app

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/assets"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/storage"
)

// AppID is the application ID, as in FyneApp.toml; preferences are stored
// under it.
const AppID = "io.github.glossnotes.gloss"

// Run opens the desktop app on the notebook at dbPath ("" for the default
// notebook) and returns when the window is closed.
func Run(dbPath string) error {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("Gloss")
	w.Resize(fyne.NewSize(1100, 720))

	nb, err := openNotebook(dbPath)
	if err != nil {
		// Show the core's message in a dialog; closing it ends the app.
		w.SetContent(widget.NewLabel(""))
		d := dialog.NewError(err, w)
		d.SetOnClosed(a.Quit)
		d.Show()
		w.ShowAndRun()
		return err
	}
	defer nb.Close()
	ui := New(a, w, nb)
	w.SetContent(ui.Content())
	quitOnSignal(a)
	w.ShowAndRun()
	return nil
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

func openNotebook(dbPath string) (*notebook.Notebook, error) {
	if dbPath == "" {
		var err error
		if dbPath, err = storage.DefaultPath(); err != nil {
			return nil, err
		}
	}
	db, err := storage.Open(dbPath)
	if err != nil {
		return nil, err
	}
	return notebook.New(db), nil
}

// UI is the main window's content over one notebook.
type UI struct {
	app    fyne.App
	win    fyne.Window
	nb     *notebook.Notebook
	list   *widget.List
	text   *widget.Label
	header *widget.Label
	arts   []notebook.Article
}

// New builds the UI for a notebook in window w. Tests call it with a test
// app and window.
func New(a fyne.App, w fyne.Window, nb *notebook.Notebook) *UI {
	ui := &UI{app: a, win: w, nb: nb}
	ui.header = widget.NewLabel("")
	ui.header.TextStyle = fyne.TextStyle{Bold: true}
	ui.header.Wrapping = fyne.TextWrapWord
	ui.text = widget.NewLabel("Select an article.")
	ui.text.Wrapping = fyne.TextWrapWord
	ui.text.Selectable = true
	ui.list = widget.NewList(
		func() int { return len(ui.arts) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("title")
			title.Truncation = fyne.TextTruncateEllipsis
			meta := widget.NewLabel("meta")
			meta.Importance = widget.LowImportance
			return container.NewVBox(title, meta)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a := ui.arts[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(a.Title)
			box.Objects[1].(*widget.Label).SetText(articleMeta(a))
		},
	)
	ui.list.OnSelected = func(i widget.ListItemID) { ui.show(ui.arts[i]) }
	ui.Reload()
	return ui
}

// Content is the window's root object.
func (ui *UI) Content() fyne.CanvasObject {
	reader := container.NewBorder(ui.header, nil, nil, nil, container.NewVScroll(ui.text))
	split := container.NewHSplit(ui.list, reader)
	split.Offset = 0.3
	return split
}

// Reload re-reads the article list.
func (ui *UI) Reload() {
	arts, err := ui.nb.Articles(notebook.ListOptions{})
	if err != nil {
		dialog.ShowError(err, ui.win)
		return
	}
	ui.arts = arts
	ui.list.Refresh()
	if len(arts) == 0 {
		ui.text.SetText("This notebook is empty. Import articles with: gloss import FILE…")
		return
	}
	ui.list.Select(0)
}

func (ui *UI) show(a notebook.Article) {
	body, err := ui.nb.Text(a.ID)
	if err != nil {
		dialog.ShowError(fmt.Errorf("open %q: %w", a.Title, err), ui.win)
		return
	}
	ui.header.SetText(a.Title + "\n" + articleMeta(a))
	ui.text.SetText(body.Text)
}

func articleMeta(a notebook.Article) string {
	s := ""
	for _, part := range []string{a.Byline, a.Outlet, a.Published.String()} {
		if part == "" {
			continue
		}
		if s != "" {
			s += " · "
		}
		s += part
	}
	if a.Annotations > 0 {
		s += fmt.Sprintf(" · %d highlights", a.Annotations)
	}
	return s
}
