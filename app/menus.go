package app

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
	"github.com/glossnotes/gloss/internal/outfile"
	"github.com/glossnotes/gloss/notebook"
)

// key builds a shortcut with the platform's default modifier (Ctrl, or
// Cmd on macOS), plus Shift when shift is true.
func key(k fyne.KeyName, shift bool) *desktop.CustomShortcut {
	m := fyne.KeyModifierShortcutDefault
	if shift {
		m |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: k, Modifier: m}
}

// altKey builds an Alt+key shortcut (Back and Forward).
func altKey(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

// item is a menu item with an optional shortcut.
func (ui *UI) item(label string, s fyne.Shortcut, fn func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, fn)
	it.Shortcut = s
	if s != nil {
		ui.shortcuts[s.ShortcutName()] = fn
	}
	return it
}

// installMenus sets the main menu and the window's shortcuts.
func (ui *UI) installMenus() {
	ui.shortcuts = map[string]func(){}
	recent := fyne.NewMenuItem("Open recent", nil)
	var recents []*fyne.MenuItem
	for _, p := range ui.prefs.StringList(prefRecent) {
		recents = append(recents, fyne.NewMenuItem(p, func() { ui.switchTo(p) }))
	}
	if len(recents) == 0 {
		recents = append(recents, fyne.NewMenuItem("(none)", nil))
	}
	recent.ChildMenu = fyne.NewMenu("", recents...)
	quit := fyne.NewMenuItem("Quit", func() { ui.savePrefs(); ui.app.Quit() })
	quit.IsQuit = true
	quit.Shortcut = key(fyne.KeyQ, false)
	file := fyne.NewMenu("File",
		ui.item("New notebook…", key(fyne.KeyN, true), ui.newNotebook),
		ui.item("Open notebook…", key(fyne.KeyO, false), ui.openNotebookDialog),
		recent,
		fyne.NewMenuItemSeparator(),
		ui.item("Import file…", key(fyne.KeyI, false), ui.importFiles),
		ui.item("Import folder…", key(fyne.KeyI, true), ui.importFolder),
		ui.item("Paste as new article", key(fyne.KeyV, true), ui.pasteArticle),
		fyne.NewMenuItemSeparator(),
		ui.item("Export…", key(fyne.KeyE, false), func() { ui.showExport() }),
		ui.item("Trash", nil, func() { ui.lib.tree.Select(nodeTrash) }),
		ui.item("Back up notebook…", nil, ui.backup),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	undo := ui.item("Undo", key(fyne.KeyZ, false), ui.undoAction)
	redo := ui.item("Redo", key(fyne.KeyZ, true), ui.redoAction)
	ui.shortcuts[(&fyne.ShortcutUndo{}).ShortcutName()] = ui.undoAction
	ui.shortcuts[(&fyne.ShortcutRedo{}).ShortcutName()] = ui.redoAction
	ui.shortcuts[key(fyne.KeyY, false).ShortcutName()] = ui.redoAction
	ui.shortcuts[key(fyne.KeyF, false).ShortcutName()] = ui.palette.show
	edit := fyne.NewMenu("Edit",
		undo, redo,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Copy", ui.copySelection),
		ui.item("Copy excerpt with citation", key(fyne.KeyC, true), ui.copyCitationShortcut),
		fyne.NewMenuItemSeparator(),
		ui.item("Search…", key(fyne.KeyK, false), ui.palette.show),
		ui.item("Edit article metadata…", nil, ui.editMetadata),
		ui.item("Copy citation key", nil, ui.copyCurrentCiteKey),
		ui.item("Edit article text…", nil, ui.editText),
		ui.item("Version history…", nil, ui.showVersions),
		ui.item("Tag manager…", key(fyne.KeyT, true), ui.showTagManager),
		fyne.NewMenuItemSeparator(),
		ui.item("Delete article", nil, func() {
			if ui.cur.ID == "" {
				return
			}
			id, title := ui.cur.ID, ui.cur.Title
			ui.confirm("Delete article", fmt.Sprintf("Move “%s” and its highlights to the trash?", title), func(ok bool) {
				if ok {
					ui.deleteArticles([]string{id})
				}
			})
		}),
	)
	mode := ui.prefs.StringWithFallback(prefTheme, themeSystem)
	themeItem := func(label, m string) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() { ui.setTheme(m) })
		it.Checked = mode == m
		return it
	}
	view := fyne.NewMenu("View",
		ui.item("Back", altKey(fyne.KeyLeft), ui.nav.goBack),
		ui.item("Forward", altKey(fyne.KeyRight), ui.nav.goForward),
		fyne.NewMenuItemSeparator(),
		ui.item("Other articles with this passage…", key(fyne.KeyR, true), ui.showReuseHere),
		ui.anns.people.menuItem(),
		fyne.NewMenuItemSeparator(),
		ui.item("Timeline…", key(fyne.KeyL, false), ui.showTimeline),
		themeItem("System theme", themeSystem),
		themeItem("Light theme", themeLight),
		themeItem("Dark theme", themeDark),
		fyne.NewMenuItemSeparator(),
		ui.item("Larger text", key(fyne.KeyEqual, false), func() { ui.scaleFont(1.1) }),
		ui.item("Smaller text", key(fyne.KeyMinus, false), func() { ui.scaleFont(1 / 1.1) }),
		ui.item("Actual size", key(fyne.Key0, false), func() { ui.scaleFont(0) }),
	)
	help := fyne.NewMenu("Help",
		ui.item("Keyboard shortcuts", key(fyne.KeySlash, false), ui.showShortcuts),
		fyne.NewMenuItem("About Gloss", ui.showAbout),
	)
	ui.win.SetMainMenu(fyne.NewMainMenu(file, edit, view, ui.syncMenu(), help))
	// Canvas shortcuts for when no widget has focus (the menu handles them
	// first in the desktop driver; aliases such as Ctrl+F need these).
	for _, s := range []fyne.Shortcut{key(fyne.KeyF, false), key(fyne.KeyK, false), key(fyne.KeyY, false),
		&fyne.ShortcutUndo{}, &fyne.ShortcutRedo{}, altKey(fyne.KeyLeft), altKey(fyne.KeyRight), key(fyne.KeyR, true)} {
		ui.win.Canvas().AddShortcut(s, func(s fyne.Shortcut) { ui.runShortcut(s) })
	}
	// The reader's keys work when nothing has focus, too.
	ui.win.Canvas().SetOnTypedRune(ui.typedRune)
	ui.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { ui.readerKey(ev) })
}

// runShortcut runs the app action bound to a shortcut; it reports whether
// there was one.
func (ui *UI) runShortcut(s fyne.Shortcut) bool {
	if fn, ok := ui.shortcuts[s.ShortcutName()]; ok && fn != nil {
		fn()
		return true
	}
	return false
}

// runCustomShortcut is runShortcut for an Entry's custom shortcuts.
func (ui *UI) runCustomShortcut(s *desktop.CustomShortcut) bool { return ui.runShortcut(s) }

// scaleFont changes the reader's text size (0 resets it).
func (ui *UI) scaleFont(f float32) {
	v := ui.reader.view
	if f == 0 {
		v.SetFontScale(1)
	} else {
		v.SetFontScale(v.FontScale() * f)
	}
	ui.prefs.SetFloat(prefFontScale, float64(v.FontScale()))
}

// paletteNames lists the highlight colours in key order, from the one
// palette (notebook.Colors).
func paletteNames() string {
	names := make([]string, len(notebook.Colors))
	for i, c := range notebook.Colors {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// shortcutTable lists the keyboard shortcuts (Help → Keyboard shortcuts and
// the README).
var shortcutTable = [][2]string{
	{"Ctrl+K, Ctrl+F", "search palette (↑↓ move, Enter opens, Esc closes)"},
	{"H", "highlight the selected text in the last colour"},
	{"1 … 8", "highlight in " + paletteNames() + " (recolour the selected highlight)"},
	{"N", "highlight and write a note (edit the selected highlight's note)"},
	{"T", "highlight and tag (the selected highlight's tags)"},
	{"Delete", "delete the selected highlight (with Undo)"},
	{"R", "re-attach the selected highlight: select its new passage, then Enter"},
	{"Alt+Left / Alt+Right", "back / forward after a jump (palette, card, list, Back)"},
	{"Ctrl+Shift+R", "other articles with the passage at the caret or selected highlight (a margin bar marks shared passages)"},
	{"Tab / Shift+Tab", "move through the panes: filter, articles, library, reader, cards"},
	{"↑ ↓, Enter", "move in a list or the cards; open the article, edit the note"},
	{"Esc", "back to the reader (cancels a note draft or a re-attach)"},
	{"Ctrl+Shift+C", "copy the selected highlight with its citation"},
	{"Ctrl+C / Ctrl+A", "copy the selected text / select the whole article"},
	{"Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y", "undo / redo highlight, note, colour, tag and delete operations"},
	{"Ctrl+Enter", "save the note being edited"},
	{"Ctrl+I / Ctrl+Shift+I", "import a file / a folder"},
	{"Ctrl+Shift+V", "paste the clipboard as a new article"},
	{"Ctrl+E", "export"},
	{"Ctrl+Shift+S", "sync now (the Sync menu: set up, status, automatic sync, your name)"},
	{"Ctrl+L", "timeline of the highlights' dates (in it: ← → ↑ ↓ between marks, Enter opens, + − zoom, 0 fits, Ctrl+W closes)"},
	{"Ctrl+Shift+T", "tag manager"},
	{"Ctrl+O / Ctrl+Shift+N", "open / create a notebook"},
	{"Ctrl+= / Ctrl+- / Ctrl+0", "larger / smaller / actual text size"},
	{"Ctrl+/", "this list"},
	{"Ctrl+Q", "quit"},
}

func (ui *UI) showShortcuts() {
	form := widget.NewForm()
	for _, r := range shortcutTable {
		l := widget.NewLabel(r[1])
		l.Wrapping = fyne.TextWrapWord
		form.Append(r[0], l)
	}
	note := widget.NewLabel("On macOS, Cmd replaces Ctrl. The letter keys act whenever no text field has focus; after a click on a card they act on its highlight.")
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(container.NewVBox(form, note)), ui.win)
	d.Resize(ui.dialogSize(700, 560))
	ui.modal(d)
}

func (ui *UI) showAbout() {
	meta := ui.app.Metadata()
	text := fmt.Sprintf("Gloss %s\n\nAn offline research notebook: highlight, annotate, tag, search and export articles with citations.\n\nNotebook: %s",
		strings.TrimSpace(meta.Version), ui.nb.Path())
	ui.modal(dialog.NewInformation("About Gloss", text, ui.win))
}

// backup writes a copy of the notebook to a chosen file.
func (ui *UI) backup() {
	ui.askSavePath("gloss-backup.db", func(path string) {
		ui.notify.showProgress("Backing up…", 0)
		ui.background(func(context.Context) func() {
			var n int64
			err := outfile.Write(ui.nb, path, func(w io.Writer) error {
				var err error
				n, err = ui.nb.Backup(w)
				return err
			})
			return func() {
				if err != nil {
					ui.showError(fmt.Errorf("backup: %w", err))
					return
				}
				ui.notify.show(fmt.Sprintf("Backed up the notebook to %s (%d KB).", path, n/1024), nil)
			}
		})
	})
}

// switchTo opens another notebook in this window.
func (ui *UI) switchTo(path string) {
	if ui.openNotebook == nil {
		ui.showError(fmt.Errorf("open notebook %s: not available here", path))
		return
	}
	ui.openNotebook(path)
}

func (ui *UI) openNotebookDialog() {
	ui.askOpenPath(nil, ui.switchTo)
}

func (ui *UI) newNotebook() {
	ui.askSavePath("notebook.db", func(path string) {
		// The save dialog created an empty file; a notebook is created in
		// its place.
		removeEmpty(path)
		ui.switchTo(path)
	})
}
