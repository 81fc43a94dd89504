package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/sahilm/fuzzy"

	"github.com/glossnotes/gloss/notebook"
)

// maxSuggestions is how many tag suggestions the picker lists.
const maxSuggestions = 8

// tagNames returns every tag name known to the library.
func (ui *UI) tagNames() []string {
	names := make([]string, 0, len(ui.lib.tags))
	for n := range ui.lib.tags {
		names = append(names, n)
	}
	return names
}

// suggestTags returns the known tags matching typed, best first: names
// starting with it, then fuzzy (subsequence) matches.
func suggestTags(names []string, typed string) []string {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		out := append([]string(nil), names...)
		sortFold(out)
		if len(out) > maxSuggestions {
			out = out[:maxSuggestions]
		}
		return out
	}
	var out []string
	seen := map[string]bool{}
	lower := strings.ToLower(typed)
	sorted := append([]string(nil), names...)
	sortFold(sorted)
	for _, n := range sorted {
		if strings.HasPrefix(strings.ToLower(n), lower) {
			out = append(out, n)
			seen[n] = true
		}
	}
	for _, m := range fuzzy.Find(typed, names) {
		if !seen[m.Str] {
			out = append(out, m.Str)
			seen[m.Str] = true
		}
	}
	if len(out) > maxSuggestions {
		out = out[:maxSuggestions]
	}
	return out
}

func sortFold(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && strings.ToLower(s[j]) < strings.ToLower(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// tagPicker is the dialog that asks for one tag: typing suggests existing
// tags (fuzzy), "/" nests, a new name creates the tag.
type tagPicker struct {
	entry *shortcutEntry
	list  *widget.List
	sugg  []string
	dlg   dialog.Dialog
	pick  func(string)
}

// pickTag shows the tag picker and calls fn with the chosen tag.
func (ui *UI) pickTag(title string, fn func(tag string)) *tagPicker {
	p := &tagPicker{pick: fn}
	ui.picker = p
	names := ui.tagNames()
	p.entry = newShortcutEntry(ui)
	p.entry.SetPlaceHolder("Tag (use / to nest, e.g. Sahel/Mali)")
	p.list = widget.NewList(func() int { return len(p.sugg) },
		func() fyne.CanvasObject { return widget.NewLabel("tag") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.sugg[i]) })
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.sugg) {
			p.entry.SetText(p.sugg[i])
			p.submit()
		}
	}
	p.entry.OnChanged = func(s string) {
		p.sugg = suggestTags(names, s)
		p.list.UnselectAll()
		p.list.Refresh()
	}
	p.entry.onSubmit = p.submit
	p.entry.OnChanged("")
	hint := widget.NewLabel("Enter adds the tag; a new name creates it.")
	hint.Importance = widget.LowImportance
	body := container.NewBorder(container.NewVBox(p.entry, hint), nil, nil, nil, p.list)
	p.dlg = dialog.NewCustomConfirm(title, "Add", "Cancel", body, func(ok bool) {
		if ok {
			p.choose()
		}
	}, ui.win)
	p.dlg.Resize(fyne.NewSize(420, 380))
	p.dlg.Show()
	ui.win.Canvas().Focus(p.entry)
	return p
}

func (p *tagPicker) submit() {
	p.dlg.Hide()
	p.choose()
}

func (p *tagPicker) choose() {
	if t := strings.TrimSpace(p.entry.Text); t != "" {
		p.pick(t)
	}
}

// showTagManager opens the tag manager: every tag with its counts, to
// rename, merge, recolour or delete.
func (ui *UI) showTagManager() {
	var tags []notebook.TagCount
	var sel = -1
	list := widget.NewList(func() int { return len(tags) },
		func() fyne.CanvasObject {
			count := widget.NewLabel("0 articles, 0 highlights")
			count.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, nil, count, widget.NewLabel("tag"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			t := tags[i]
			name := t.Name
			if t.Color != "" {
				name += "  (" + t.Color + ")"
			}
			row.Objects[0].(*widget.Label).SetText(name)
			row.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%d articles, %d highlights", t.Articles, t.Annotations))
		})
	load := func() {
		var err error
		if tags, err = ui.nb.Tags(); err != nil {
			ui.showError(fmt.Errorf("list tags: %w", err))
		}
		sel = -1
		list.UnselectAll()
		list.Refresh()
	}
	list.OnSelected = func(i widget.ListItemID) { sel = i }
	current := func() (notebook.TagCount, bool) {
		if sel < 0 || sel >= len(tags) {
			dialog.ShowInformation("Tag manager", "Select a tag first.", ui.win)
			return notebook.TagCount{}, false
		}
		return tags[sel], true
	}
	rename := widget.NewButtonWithIcon("Rename…", theme.DocumentCreateIcon(), func() {
		t, ok := current()
		if !ok {
			return
		}
		ui.askText("Rename tag", "New name (children follow)", t.Name, func(to string) {
			if err := ui.renameTag(t.Name, to); err != nil {
				ui.showError(fmt.Errorf("rename tag %s: %w", t.Name, err))
			}
			load()
		})
	})
	merge := widget.NewButtonWithIcon("Merge into…", theme.ContentAddIcon(), func() {
		t, ok := current()
		if !ok {
			return
		}
		ui.pickTag("Merge "+t.Name+" into", func(into string) {
			msg := fmt.Sprintf("Move everything tagged %s (%d articles, %d highlights) to %s and remove %s? Edit → Undo takes it back.",
				t.Name, t.Articles, t.Annotations, into, t.Name)
			dialog.ShowConfirm("Merge tags", msg, func(yes bool) {
				if !yes {
					return
				}
				if err := ui.mergeTag(t.Name, into); err != nil {
					ui.showError(fmt.Errorf("merge tag %s: %w", t.Name, err))
				}
				load()
			}, ui.win)
		})
	})
	recolor := widget.NewButtonWithIcon("Colour…", theme.ColorPaletteIcon(), func() {
		t, ok := current()
		if !ok {
			return
		}
		opts := []string{"none"}
		for _, c := range notebook.Colors {
			opts = append(opts, string(c))
		}
		pick := widget.NewSelect(opts, nil)
		pick.SetSelected(t.Color)
		if t.Color == "" {
			pick.SetSelected("none")
		}
		dialog.ShowCustomConfirm("Tag colour", "Set", "Cancel", pick, func(yes bool) {
			if !yes {
				return
			}
			c := pick.Selected
			if c == "none" {
				c = ""
			}
			if err := ui.setTagColor(t.Name, t.Color, c); err != nil {
				ui.showError(fmt.Errorf("colour tag %s: %w", t.Name, err))
			}
			load()
		}, ui.win)
	})
	del := widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), func() {
		t, ok := current()
		if !ok {
			return
		}
		msg := fmt.Sprintf("Remove %s and its children from %d articles and %d highlights? Edit → Undo takes it back.", t.Name, t.Articles, t.Annotations)
		dialog.ShowConfirm("Delete tag", msg, func(yes bool) {
			if !yes {
				return
			}
			if err := ui.deleteTag(t.Name); err != nil {
				ui.showError(fmt.Errorf("delete tag %s: %w", t.Name, err))
			}
			load()
		}, ui.win)
	})
	del.Importance = widget.DangerImportance
	load()
	buttons := container.NewHBox(rename, merge, recolor, del)
	d := dialog.NewCustom("Tag manager", "Close", container.NewBorder(nil, buttons, nil, nil, list), ui.win)
	d.Resize(fyne.NewSize(620, 460))
	d.Show()
}

// askText asks for one line of text.
func (ui *UI) askText(title, label, initial string, fn func(string)) {
	e := newShortcutEntry(ui)
	e.SetText(initial)
	var d dialog.Dialog
	e.onSubmit = func() {
		d.Hide()
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
	d.Show()
	ui.win.Canvas().Focus(e)
}
