package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// tagNames returns every tag name known to the library.
func (ui *UI) tagNames() []string {
	names := make([]string, 0, len(ui.lib.tags))
	for n := range ui.lib.tags {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// tagTarget is an item whose current tags the picker shows and toggles.
type tagTarget struct {
	current []string
	// set replaces the item's tags (old → new), undoably.
	set func(old, tags []string)
}

// tagPicker is the dialog that asks for a tag: typing suggests existing
// tags (folded and fuzzy), "/" nests, a new name creates the tag (after
// asking when it looks like an existing one). For one highlight it also
// shows the highlight's tags, each toggled by its check.
type tagPicker struct {
	ui      *UI
	entry   *shortcutEntry
	list    *keyList
	sugg    []string
	names   []string
	target  *tagTarget
	checks  *fyne.Container
	dlg     dialog.Dialog
	pick    func(string)
	current []string
}

// pickTag shows the tag picker; fn gets the tag to add. target (nil for
// several items) shows and toggles the current tags of one item.
func (ui *UI) pickTag(title string, target *tagTarget, fn func(tag string)) *tagPicker {
	p := &tagPicker{ui: ui, pick: fn, target: target, names: ui.tagNames()}
	if target != nil {
		p.current = slices.Clone(target.current)
	}
	ui.picker = p
	p.entry = newShortcutEntry(ui)
	p.entry.SetPlaceHolder("Tag (use / to nest, e.g. Sahel/Mali)")
	p.list = newKeyList(ui, func() int { return len(p.sugg) },
		func() fyne.CanvasObject { return widget.NewLabel("tag") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			label := p.sugg[i]
			if hasTag(p.current, label) {
				label = "✓ " + label + "  (on this highlight: select to remove)"
			}
			o.(*widget.Label).SetText(label)
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i >= len(p.sugg) {
			return
		}
		t := p.sugg[i]
		p.list.UnselectAll()
		if p.target != nil && hasTag(p.current, t) {
			p.toggle(t, false)
			return
		}
		p.entry.SetText(t)
		p.submit()
	}
	p.entry.OnChanged = func(s string) {
		p.sugg = suggestTags(p.names, s)
		p.list.UnselectAll()
		p.list.Refresh()
	}
	p.entry.onSubmit = p.submit
	p.entry.onKey = func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyDown && len(p.sugg) > 0 {
			ui.win.Canvas().Focus(p.list)
			return true
		}
		return false
	}
	p.entry.OnChanged("")
	hint := widget.NewLabel("Enter adds the tag; a new name creates it.")
	hint.Importance = widget.LowImportance
	top := container.NewVBox(p.entry, hint)
	if target != nil {
		p.checks = container.NewVBox()
		p.showChecks()
		top.Add(p.checks)
	}
	body := container.NewBorder(top, nil, nil, nil, p.list)
	p.dlg = dialog.NewCustomConfirm(title, "Add", "Close", body, func(ok bool) {
		if ok {
			p.choose()
		}
	}, ui.win)
	p.dlg.Resize(fyne.NewSize(460, 420))
	ui.modal(p.dlg)
	ui.win.Canvas().Focus(p.entry)
	return p
}

// showChecks lists the item's tags, each with a check to remove it.
func (p *tagPicker) showChecks() {
	p.checks.Objects = nil
	if len(p.current) == 0 {
		l := widget.NewLabel("No tags on this highlight yet.")
		l.Importance = widget.LowImportance
		p.checks.Add(l)
	} else {
		head := widget.NewLabelWithStyle("On this highlight (untick to remove):", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		p.checks.Add(head)
		for _, t := range p.current {
			c := widget.NewCheck(t, nil)
			c.SetChecked(true)
			c.OnChanged = func(on bool) { p.toggle(t, on) }
			p.checks.Add(c)
		}
	}
	p.checks.Refresh()
}

// toggle adds or removes a tag on the picker's item.
func (p *tagPicker) toggle(tag string, on bool) {
	old := slices.Clone(p.current)
	if on {
		if hasTag(p.current, tag) {
			return
		}
		p.current = append(p.current, tag)
	} else {
		k := notebook.TagKey(tag)
		p.current = slices.DeleteFunc(p.current, func(t string) bool { return notebook.TagKey(t) == k })
	}
	p.target.set(old, slices.Clone(p.current))
	p.showChecks()
	p.list.Refresh()
}

func (p *tagPicker) submit() {
	p.ui.closeModal(p.dlg)
	p.choose()
}

// choose adds the typed tag: the existing spelling of the same tag, or,
// when the name looks like an existing tag, after asking.
func (p *tagPicker) choose() {
	t := strings.TrimSpace(p.entry.Text)
	if t == "" {
		return
	}
	clean, err := notebook.CleanTag(t)
	if err != nil {
		p.ui.showError(fmt.Errorf("tag %q: %w", t, err))
		return
	}
	add := func(tag string) {
		if p.target != nil {
			p.toggle(tag, true)
			return
		}
		p.pick(tag)
	}
	if same, ok := sameTag(p.names, clean); ok {
		add(same)
		return
	}
	if other, ok := lookAlike(p.names, clean); ok {
		p.ui.askLookAlike(clean, other, add)
		return
	}
	add(clean)
}

// lookAlikePrompt is the open "Use the existing tag?" question (for tests).
type lookAlikePrompt struct {
	typed, existing string
	dlg             dialog.Dialog
	answer          func(useExisting bool)
}

// askLookAlike asks whether to use an existing tag that looks like the
// one typed, or to create the new one anyway.
func (ui *UI) askLookAlike(typed, existing string, add func(string)) {
	q := &lookAlikePrompt{typed: typed, existing: existing}
	msg := widget.NewLabel(fmt.Sprintf("“%s” looks like the existing tag ‘%s’ (they differ only in case, accents, dashes, quotes or spaces).\n\nUse the existing tag ‘%s’?", typed, existing, existing))
	msg.Wrapping = fyne.TextWrapWord
	q.answer = func(useExisting bool) {
		ui.lookAlike = nil
		ui.closeModal(q.dlg)
		if useExisting {
			add(existing)
		} else {
			add(typed)
		}
	}
	use := newDefaultButton("Use ‘"+clipRunes(existing, 30)+"’", func() { q.answer(true) })
	use.Importance = widget.HighImportance
	create := widget.NewButton("Create “"+clipRunes(typed, 30)+"”", func() { q.answer(false) })
	q.dlg = dialog.NewCustomWithoutButtons("Use the existing tag?", container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), create, use), nil, nil, msg), ui.win)
	q.dlg.Resize(fyne.NewSize(480, 220))
	ui.lookAlike = q
	ui.modal(q.dlg)
	ui.win.Canvas().Focus(use) // Enter or Space uses the existing tag
}

// defaultButton is a button that Enter presses when it has the focus (a
// Fyne button takes Space only), for the answer a question suggests.
type defaultButton struct{ widget.Button }

func newDefaultButton(label string, fn func()) *defaultButton {
	b := &defaultButton{}
	b.Text, b.OnTapped = label, fn
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey is part of fyne.Focusable.
func (b *defaultButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		b.Tapped(nil)
		return
	}
	b.Button.TypedKey(ev)
}

// tagAnnotation asks for a tag for a highlight, showing its current tags.
func (ui *UI) tagAnnotation(id string) {
	a, ok := ui.annotation(id)
	if !ok {
		return
	}
	target := &tagTarget{current: a.Tags, set: func(old, tags []string) { ui.setAnnotationTagsFrom(id, old, tags) }}
	ui.pickTag("Tags of this highlight", target, nil)
}

// tagMenu is a tag's context menu in the library tree.
func (ui *UI) tagMenu(tag string) *fyne.Menu {
	colors := []*fyne.MenuItem{fyne.NewMenuItem("None", func() { ui.colorTag(tag, "") })}
	for _, c := range notebook.Colors {
		colors = append(colors, fyne.NewMenuItem(string(c), func() { ui.colorTag(tag, c) }))
	}
	colorItem := fyne.NewMenuItem("Colour", nil)
	colorItem.ChildMenu = fyne.NewMenu("", colors...)
	del := fyne.NewMenuItem("Delete…", func() { ui.askDeleteTag(ui.tagCount(tag), nil) })
	del.Icon = theme.DeleteIcon()
	return fyne.NewMenu("",
		fyne.NewMenuItem("Rename…", func() { ui.askRenameTag(tag, nil) }),
		fyne.NewMenuItem("Merge into…", func() { ui.askMergeTag(ui.tagCount(tag), nil) }),
		colorItem,
		fyne.NewMenuItem("Export this tag…", func() { ui.showExportTag(tag) }),
		fyne.NewMenuItem("Timeline of this tag", func() { ui.showTimelineTag(tag) }),
		fyne.NewMenuItemSeparator(),
		del,
	)
}

// tagCount is a tag's line of the tag list.
func (ui *UI) tagCount(tag string) notebook.TagCount {
	if t, ok := ui.lib.tags[tag]; ok {
		return t
	}
	return notebook.TagCount{Name: tag}
}

// colorTag sets a tag's colour from the menu.
func (ui *UI) colorTag(tag string, color notebook.Color) {
	ui.setTagColor(tag, ui.tagCount(tag).Color, color, ui.reportErr("colour tag "+tag))
}

// askRenameTag asks for a tag's new name; done runs after the rename.
func (ui *UI) askRenameTag(tag string, done func()) {
	ui.askText("Rename tag", "New name (children follow)", tag, func(to string) {
		ui.renameTag(tag, to, func(err error) {
			ui.reportErr("rename tag " + tag)(err)
			if done != nil {
				done()
			}
		})
	})
}

// askDeleteTag confirms and deletes a tag.
func (ui *UI) askDeleteTag(t notebook.TagCount, done func()) {
	msg := fmt.Sprintf("Remove %s and its children from %s and %s? Edit → Undo takes it back.", t.Name,
		plural(t.Articles, "article", "articles"), plural(t.Annotations, "highlight", "highlights"))
	ui.confirm("Delete tag", msg, func(yes bool) {
		if !yes {
			return
		}
		ui.deleteTag(t.Name, func(err error) {
			ui.reportErr("delete tag " + t.Name)(err)
			if done != nil {
				done()
			}
		})
	})
}

// mergeDialog asks which tag another is merged into (for tests).
type mergeDialog struct {
	from    notebook.TagCount
	targets []string
	sel     *widget.Select
	dlg     dialog.Dialog
	merge   func(into string)
}

// mergeTargets are the tags a tag can be merged into: every other tag
// but its own children.
func mergeTargets(names []string, from string) []string {
	k := notebook.TagKey(from)
	var out []string
	for _, n := range names {
		nk := notebook.TagKey(n)
		if nk == k || strings.HasPrefix(nk, k+"/") {
			continue
		}
		out = append(out, n)
	}
	return out
}

// askMergeTag asks which tag to merge t into, then merges.
func (ui *UI) askMergeTag(t notebook.TagCount, done func()) {
	d := &mergeDialog{from: t, targets: mergeTargets(ui.tagNames(), t.Name)}
	if len(d.targets) == 0 {
		ui.notify.show("There is no other tag to merge "+t.Name+" into.", nil)
		return
	}
	what := widget.NewLabel(fmt.Sprintf("Everything tagged ‘%s’ (%s and %s) gets the tag you choose instead, and ‘%s’ is removed. Its children move along. Edit → Undo takes it back.",
		t.Name, plural(t.Articles, "article", "articles"), plural(t.Annotations, "highlight", "highlights"), t.Name))
	what.Wrapping = fyne.TextWrapWord
	d.sel = widget.NewSelect(d.targets, nil)
	d.sel.PlaceHolder = "Choose the tag to keep"
	d.merge = func(into string) {
		ui.mergeTag(t.Name, into, func(err error) {
			ui.reportErr("merge tag " + t.Name)(err)
			if done != nil {
				done()
			}
		})
	}
	form := container.NewVBox(what, widget.NewForm(widget.NewFormItem("Merge into", d.sel)))
	d.dlg = dialog.NewCustomConfirm("Merge ‘"+clipRunes(t.Name, 40)+"’ into another tag", "Merge", "Cancel", form, func(ok bool) {
		if ok && d.sel.Selected != "" {
			d.merge(d.sel.Selected)
		}
	}, ui.win)
	d.dlg.Resize(fyne.NewSize(520, 260))
	ui.merger = d
	ui.modal(d.dlg)
}

// tagManager is the tag manager dialog: every tag with its counts, to
// rename, merge, recolour, delete or export; and the look-alike tags with
// a one-click merge.
type tagManager struct {
	ui    *UI
	tags  []notebook.TagCount
	pairs []lookAlikePair
	sel   int
	list  *keyList
	alike *fyne.Container
	dlg   dialog.Dialog
}

// showTagManager opens the tag manager.
func (ui *UI) showTagManager() {
	m := &tagManager{ui: ui, sel: -1}
	m.list = newKeyList(ui, func() int { return len(m.tags) },
		func() fyne.CanvasObject {
			count := widget.NewLabel("0 articles · 0 highlights")
			count.Importance = widget.LowImportance
			name := widget.NewLabel("tag")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, count, name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			t := m.tags[i]
			name := t.Name
			if t.Color != "" {
				name += "  (" + string(t.Color) + ")"
			}
			row.Objects[0].(*widget.Label).SetText(name)
			row.Objects[1].(*widget.Label).SetText(tagCounts(t))
		})
	m.list.OnSelected = func(i widget.ListItemID) { m.sel = i }
	current := func() (notebook.TagCount, bool) {
		if m.sel < 0 || m.sel >= len(m.tags) {
			ui.notify.show("Select a tag in the tag manager first.", nil)
			return notebook.TagCount{}, false
		}
		return m.tags[m.sel], true
	}
	with := func(fn func(t notebook.TagCount)) func() {
		return func() {
			if t, ok := current(); ok {
				fn(t)
			}
		}
	}
	rename := widget.NewButtonWithIcon("Rename…", theme.DocumentCreateIcon(), with(func(t notebook.TagCount) { ui.askRenameTag(t.Name, m.load) }))
	merge := widget.NewButtonWithIcon("Merge into…", theme.ContentAddIcon(), with(func(t notebook.TagCount) { ui.askMergeTag(t, m.load) }))
	recolor := widget.NewButtonWithIcon("Colour…", theme.ColorPaletteIcon(), with(m.askColor))
	export := widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), with(func(t notebook.TagCount) {
		ui.closeModal(m.dlg)
		ui.showExportTag(t.Name)
	}))
	del := widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), with(func(t notebook.TagCount) { ui.askDeleteTag(t, m.load) }))
	del.Importance = widget.DangerImportance
	m.alike = container.NewVBox()
	buttons := container.NewGridWrap(fyne.NewSize(130, rename.MinSize().Height), rename, merge, recolor, export, del)
	body := container.NewBorder(nil, container.NewVBox(buttons, m.alike), nil, nil, m.list)
	m.dlg = dialog.NewCustom("Tag manager", "Close", body, ui.win)
	m.dlg.SetOnClosed(func() { ui.tagManager = nil })
	m.dlg.Resize(ui.dialogSize(680, 520))
	ui.tagManager = m
	ui.modal(m.dlg)
	m.load()
}

// tagCounts is "2 articles · 1 highlight".
func tagCounts(t notebook.TagCount) string {
	return plural(t.Articles, "article", "articles") + " · " + plural(t.Annotations, "highlight", "highlights")
}

// load re-reads the tags in the background (at start and after a change
// the manager made).
func (m *tagManager) load() {
	ui := m.ui
	ui.background(func(context.Context) func() {
		tags, err := ui.nb.Tags()
		return func() {
			if err != nil {
				ui.showError(fmt.Errorf("list tags: %w", err))
				return
			}
			m.show(tags)
		}
	})
}

// show lists tags and their look-alike pairs.
func (m *tagManager) show(tags []notebook.TagCount) {
	ui := m.ui
	m.tags = tags
	m.sel = -1
	m.list.UnselectAll()
	m.list.Refresh()
	m.pairs = lookAlikePairs(tags)
	m.alike.Objects = nil
	if len(m.pairs) > 0 {
		m.alike.Add(widget.NewLabelWithStyle("Look-alike tags", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, p := range m.pairs {
			l := widget.NewLabel(fmt.Sprintf("‘%s’ (%s) and ‘%s’ (%s)", p.From.Name, tagCounts(p.From), p.Into.Name, tagCounts(p.Into)))
			l.Truncation = fyne.TextTruncateEllipsis
			b := widget.NewButton("Merge into ‘"+clipRunes(p.Into.Name, 24)+"’", func() {
				ui.mergeTag(p.From.Name, p.Into.Name, func(err error) {
					ui.reportErr("merge tag " + p.From.Name)(err)
					m.load()
				})
			})
			m.alike.Add(container.NewBorder(nil, nil, nil, b, l))
		}
	}
	m.alike.Refresh()
}

// askColor asks for a tag's colour.
func (m *tagManager) askColor(t notebook.TagCount) {
	ui := m.ui
	opts := []string{"none"}
	for _, c := range notebook.Colors {
		opts = append(opts, string(c))
	}
	pick := widget.NewSelect(opts, nil)
	pick.SetSelected(string(t.Color))
	if t.Color == "" {
		pick.SetSelected("none")
	}
	ui.modal(dialog.NewCustomConfirm("Tag colour", "Set", "Cancel", pick, func(yes bool) {
		if !yes {
			return
		}
		c := pick.Selected
		if c == "none" {
			c = ""
		}
		ui.setTagColor(t.Name, t.Color, notebook.Color(c), func(err error) {
			ui.reportErr("colour tag " + t.Name)(err)
			m.load()
		})
	}, ui.win))
}

// askText asks for one line of text.
func (ui *UI) askText(title, label, initial string, fn func(string)) {
	e := newShortcutEntry(ui)
	e.SetText(initial)
	e.editor = true
	e.saved = initial
	var d dialog.Dialog
	e.onSubmit = func() {
		ui.closeModal(d)
		if t := strings.TrimSpace(e.Text); t != "" {
			fn(t)
		}
	}
	d = dialog.NewForm(title, "OK", "Cancel", []*widget.FormItem{widget.NewFormItem(label, e)}, func(ok bool) {
		if ok && strings.TrimSpace(e.Text) != "" {
			fn(strings.TrimSpace(e.Text))
		}
	}, ui.win)
	d.Resize(fyne.NewSize(460, 160))
	ui.modal(d)
	ui.win.Canvas().Focus(e)
}
