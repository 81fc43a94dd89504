package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// Library tree entries other than tags.
const (
	nodeArticles   = "@articles"
	nodeHighlights = "@highlights"
	nodeOrphans    = "@orphans"
	nodeTrash      = "@trash"
	tagNodePrefix  = "t:"
)

var sortChoices = []string{"Newest added", "Newest published", "Title A–Z"}
var sortKeys = []string{notebook.SortAdded, notebook.SortPublished, notebook.SortTitle}

// library is the left pane: filter, sort, the article list and the tree of
// tags with counts.
type library struct {
	ui      *UI
	filter  *shortcutEntry
	sortSel *widget.Select
	list    *keyList
	tree    *keyTree
	count   *widget.Label
	bulk    *fyne.Container
	selBtn  *widget.Button

	all   []notebook.ArticleSummary
	keys  []string // lower-case title, outlet and byline of all[i]
	shown []notebook.ArticleSummary

	// Totals for the tree: every article and highlight of the notebook
	// (whatever the tag filter), orphans and trash entries.
	total, totalAnns, orphans, trash int

	tags     map[string]notebook.TagCount // by tag name
	children map[string][]string          // tree node → child nodes
	tag      string                       // tag filter ("" = all articles)
	node     string                       // selected tree node

	selecting bool
	checked   map[string]bool
	articles  *fyne.Container // filter, sort, bulk actions and the list
	loaded    bool
	onLoaded  func()
	syncing   bool // the list's selection is being set to the reader's article
	selIdx    int  // the list's selected row (-1: none)
	lastQ     string
}

func newLibrary(ui *UI) *library {
	l := &library{ui: ui, checked: map[string]bool{}, tags: map[string]notebook.TagCount{},
		children: map[string][]string{"": {nodeArticles, nodeHighlights, nodeOrphans, nodeTrash, nodePending}}, node: nodeArticles,
		orphans: -1, trash: -1, selIdx: -1}
	l.filter = newShortcutEntry(ui)
	l.filter.SetPlaceHolder("Filter articles")
	l.filter.ActionItem = widget.NewIcon(theme.SearchIcon())
	l.filter.OnChanged = func(string) { l.applyFilter() }
	l.filter.onKey = func(ev *fyne.KeyEvent) bool {
		// Down moves from the filter into the list; Enter opens the first
		// match.
		switch ev.Name {
		case fyne.KeyDown:
			l.ui.win.Canvas().Focus(l.list)
			return true
		case fyne.KeyReturn, fyne.KeyEnter:
			if len(l.shown) > 0 {
				l.ui.navigate(l.shown[0].ID, jump{})
			}
			return true
		}
		return false
	}
	l.sortSel = widget.NewSelect(sortChoices, nil)
	l.sortSel.SetSelectedIndex(0)
	l.sortSel.OnChanged = func(string) { l.reload() }
	l.count = widget.NewLabel("")
	l.count.Importance = widget.LowImportance
	l.list = newKeyList(ui, func() int { return len(l.shown) }, l.newRow, l.updateRow)
	l.list.OnUnselected = func(i widget.ListItemID) {
		if l.selIdx == i {
			l.selIdx = -1
		}
	}
	l.list.OnSelected = func(i widget.ListItemID) {
		l.selIdx = i
		if l.syncing || i >= len(l.shown) {
			return
		}
		if id := l.shown[i].ID; id != l.ui.cur.ID {
			l.ui.navigate(id, jump{keepFocus: l.list.keyboard})
		}
	}
	l.tree = newKeyTree(ui, l.treeChildren, l.treeIsBranch, l.newTreeRow, l.updateTreeRow)
	l.tree.OnSelected = l.treeSelected
	l.selBtn = widget.NewButtonWithIcon("", theme.CheckButtonIcon(), l.toggleSelecting)
	tagBtn := widget.NewButtonWithIcon("Tag…", theme.MenuIcon(), l.tagChecked)
	delBtn := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), l.deleteChecked)
	delBtn.Importance = widget.DangerImportance
	l.bulk = container.NewHBox(tagBtn, delBtn, layout.NewSpacer())
	l.bulk.Hide()
	return l
}

func (l *library) content() fyne.CanvasObject {
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, l.selBtn, l.filter),
		container.NewBorder(nil, nil, nil, l.count, l.sortSel),
		l.bulk,
		l.ui.tagSources.content(),
	)
	l.articles = borderTop(top, l.list)
	articles := l.articles
	tagsTitle := widget.NewLabelWithStyle("Library", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	manage := widget.NewButtonWithIcon("", theme.SettingsIcon(), l.ui.showTagManager)
	manage.Importance = widget.LowImportance
	tags := borderTop(container.NewBorder(nil, nil, nil, manage, tagsTitle), l.tree)
	tags = container.NewBorder(nil, l.ui.syncIndicator(), nil, nil, tags) // sync status line (sync_status.go)
	split := container.NewVSplit(articles, tags)
	split.Offset = 0.62
	return split
}

func (l *library) newRow() fyne.CanvasObject {
	title := newFitLabel("Article title")
	title.style.Bold = true
	meta := newFitLabel("Outlet · date")
	meta.colorName = theme.ColorNameDisabled
	meta.sizeName = theme.SizeNameCaptionText
	check := newTickBox()
	check.Hide()
	text := container.New(&tightVBox{}, title, meta)
	return container.NewBorder(nil, nil, check, nil, text)
}

func (l *library) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(l.shown) {
		return
	}
	a := l.shown[i]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	check := row.Objects[1].(*tickBox)
	title := a.Title
	if title == "" {
		title = "(untitled)"
	}
	text.Objects[0].(*fitLabel).SetText(title)
	text.Objects[1].(*fitLabel).SetText(listMeta(a))
	check.SetChecked(l.checked[a.ID])
	check.OnChanged = func(on bool) {
		if on {
			l.checked[a.ID] = true
		} else {
			delete(l.checked, a.ID)
		}
	}
	if l.selecting {
		if !check.Visible() {
			check.Show()
			// A hidden check missed theme changes: repaint it.
			check.Refresh()
		}
	} else {
		check.Hide()
	}
}

// listMeta is the second line of an article row: outlet, date, highlights.
func listMeta(a notebook.ArticleSummary) string {
	var parts []string
	if a.Outlet != "" {
		parts = append(parts, a.Outlet)
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.String())
	} else {
		parts = append(parts, "added "+a.Added.Format("2006-01-02"))
	}
	if a.Annotations > 0 {
		parts = append(parts, plural(a.Annotations, "highlight", "highlights"))
	}
	return strings.Join(parts, " · ")
}

// listOptions is the query of the article list.
func (l *library) listOptions() notebook.ListOptions {
	return notebook.ListOptions{Tag: l.tag, Sort: sortKeys[max(0, l.sortSel.SelectedIndex())]}
}

// libraryLoad is one reading of the article list.
type libraryLoad struct {
	opt              notebook.ListOptions
	arts             []notebook.ArticleSummary
	keys             []string
	total, totalAnns int
}

// loadLibrary reads the article list (and, under a tag filter, the
// notebook's totals as well).
func loadLibrary(nb *notebook.Notebook, opt notebook.ListOptions) (libraryLoad, error) {
	arts, err := nb.Articles(opt)
	if err != nil {
		return libraryLoad{}, fmt.Errorf("list articles: %w", err)
	}
	l := libraryLoad{opt: opt, arts: arts, keys: make([]string, len(arts))}
	for i, a := range arts {
		l.keys[i] = strings.ToLower(a.Title + "\x00" + a.Outlet + "\x00" + a.Byline)
	}
	every := arts
	if opt.Tag != "" {
		if every, err = nb.Articles(notebook.ListOptions{}); err != nil {
			return libraryLoad{}, fmt.Errorf("count articles: %w", err)
		}
	}
	l.total = len(every)
	for _, a := range every {
		l.totalAnns += a.Annotations
	}
	return l, nil
}

// reload re-reads the articles and tags in the background (the sort or
// the tag filter changed, or at start).
func (l *library) reload() {
	opt := l.listOptions()
	l.ui.reloadGen++
	gen := l.ui.reloadGen
	l.ui.background(func(context.Context) func() {
		load, err := loadLibrary(l.ui.nb, opt)
		tags, terr := l.ui.nb.Tags()
		return func() {
			if gen != l.ui.reloadGen {
				return
			}
			if err != nil {
				l.ui.showError(err)
				return
			}
			if terr != nil {
				l.ui.showError(fmt.Errorf("list tags: %w", terr))
			} else {
				l.setTags(tags)
			}
			l.setLoaded(load)
		}
	})
}

// setLoaded shows a reading of the article list.
func (l *library) setLoaded(load libraryLoad) {
	if load.opt.Tag != l.tag {
		return // the filter changed since; its own load follows
	}
	l.all, l.keys = load.arts, load.keys
	l.total, l.totalAnns = load.total, load.totalAnns
	l.tree.RefreshItem(nodeArticles)
	l.tree.RefreshItem(nodeHighlights)
	l.filterRows()
	l.ui.libraryLoaded() // reuse marks, tag sources, creators (reuse.go)
	l.loaded = true
	if f := l.onLoaded; f != nil {
		l.onLoaded = nil
		f()
	}
}

// applyFilter narrows the list to the filter text, from the top.
func (l *library) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(l.filter.Text))
	if q == l.lastQ {
		return
	}
	l.filterRows()
	// A new filter starts at the top of its results (the old scroll
	// offset may be past the end of a shorter list).
	l.list.ScrollToOffset(0)
	if l.list.GetScrollOffset() != 0 {
		l.list.ScrollToTop()
	}
}

// filterRows recomputes the shown rows from the loaded articles.
func (l *library) filterRows() {
	q := strings.ToLower(strings.TrimSpace(l.filter.Text))
	l.lastQ = q
	if q == "" {
		l.shown = l.all
	} else {
		l.shown = nil
		for i, a := range l.all {
			if strings.Contains(l.keys[i], q) {
				l.shown = append(l.shown, a)
			}
		}
	}
	l.count.SetText(plural(len(l.shown), "article", "articles"))
	l.list.Refresh()
	l.syncSelection()
}

// syncSelection makes the list's selection the article in the reader (none
// when it is not listed). The list selects by row: after rows moved, the
// row of the reader's article is selected again.
func (l *library) syncSelection() {
	l.syncing = true
	defer func() { l.syncing = false }()
	if i := l.articleIndex(l.ui.cur.ID); i >= 0 && l.ui.cur.ID != "" {
		if l.selIdx != i {
			l.list.Select(i)
		}
		return
	}
	if l.selIdx >= 0 {
		l.list.UnselectAll()
	}
	l.selIdx = -1
}

// setText changes a label's text only when it differs (a label refresh
// re-shapes its text, and list rows are refreshed often).
func setText(l *widget.Label, s string) {
	if l.Text != s {
		l.SetText(s)
	}
}

// patchArticle updates one article's row (its highlight count, title…)
// without reloading the list.
func (l *library) patchArticle(a notebook.ArticleSummary) {
	for i := range l.all {
		if l.all[i].ID == a.ID {
			l.all[i] = a
			l.keys[i] = strings.ToLower(a.Title + "\x00" + a.Outlet + "\x00" + a.Byline)
		}
	}
	for i := range l.shown {
		if l.shown[i].ID == a.ID {
			l.shown[i] = a
			l.list.RefreshItem(i)
		}
	}
}

// setTotalAnns shows the number of highlights in the notebook.
func (l *library) setTotalAnns(n int) {
	l.totalAnns = max(n, 0)
	l.tree.RefreshItem(nodeHighlights)
}

// setOrphans shows the number of orphaned highlights.
func (l *library) setOrphans(n int) {
	l.orphans = max(n, 0)
	l.tree.RefreshItem(nodeOrphans)
}

// setTrash shows the number of trash entries.
func (l *library) setTrash(n int) {
	l.trash = max(n, 0)
	l.tree.RefreshItem(nodeTrash)
}

// articleIndex is the row of an article in the shown list, or -1.
func (l *library) articleIndex(id string) int {
	for i, a := range l.shown {
		if a.ID == id {
			return i
		}
	}
	return -1
}

// setTags rebuilds the tag tree from the tag counts.
func (l *library) setTags(tags []notebook.TagCount) {
	l.tags = map[string]notebook.TagCount{}
	kids := map[string]map[string]bool{}
	add := func(parent, child string) {
		if kids[parent] == nil {
			kids[parent] = map[string]bool{}
		}
		kids[parent][child] = true
	}
	for _, t := range tags {
		l.tags[t.Name] = t
		parent := ""
		for _, p := range notebook.TagParents(t.Name) {
			add(parent, tagNodePrefix+p)
			parent = tagNodePrefix + p
		}
	}
	l.children = map[string][]string{"": {nodeArticles, nodeHighlights, nodeOrphans, nodeTrash, nodePending}}
	for parent, set := range kids {
		var list []string
		for c := range set {
			list = append(list, c)
		}
		sort.Slice(list, func(i, j int) bool { return strings.ToLower(list[i]) < strings.ToLower(list[j]) })
		l.children[parent] = append(l.children[parent], list...)
	}
	l.tree.Refresh()
}

func (l *library) treeChildren(id widget.TreeNodeID) []widget.TreeNodeID { return l.children[id] }

func (l *library) treeIsBranch(id widget.TreeNodeID) bool { return len(l.children[id]) > 0 }

func (l *library) newTreeRow(bool) fyne.CanvasObject { return newTreeRow(l) }

func (l *library) updateTreeRow(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
	row := o.(*treeRow)
	row.node = id
	count := func(n int) string {
		if n < 0 {
			return "…"
		}
		return fmt.Sprint(n)
	}
	switch id {
	case nodeArticles:
		row.set(theme.DocumentIcon(), "All articles", count(l.total))
	case nodeHighlights:
		row.set(theme.ColorPaletteIcon(), "All highlights", count(l.totalAnns))
	case nodeOrphans:
		row.set(theme.WarningIcon(), "Orphans", count(l.orphans))
	case nodeTrash:
		row.set(theme.DeleteIcon(), "Trash", count(l.trash))
	case nodePending:
		row.set(theme.HistoryIcon(), "Pending highlights", count(l.ui.pending.count))
	default:
		tag := strings.TrimPrefix(id, tagNodePrefix)
		leaf := tag[strings.LastIndex(tag, "/")+1:]
		n := ""
		if c, ok := l.tags[tag]; ok {
			n = fmt.Sprint(c.Articles + c.Annotations)
		}
		row.set(theme.FolderIcon(), leaf, n)
	}
}

func (l *library) treeSelected(id widget.TreeNodeID) {
	l.node = id
	switch id {
	case nodeArticles:
		l.setTag("")
		l.ui.anns.showArticleMode()
	case nodeHighlights:
		l.ui.anns.showGlobal(paneHighlights)
	case nodeOrphans:
		l.ui.anns.showGlobal(paneOrphans)
	case nodeTrash:
		l.ui.anns.showGlobal(paneTrash)
	case nodePending:
		l.ui.showPending()
	default:
		l.setTag(strings.TrimPrefix(id, tagNodePrefix))
		l.ui.anns.showArticleMode()
	}
}

// setTag filters the article list to a tag ("" for all).
func (l *library) setTag(tag string) {
	if tag == l.tag {
		return
	}
	l.tag = tag
	l.reload()
}

func (l *library) toggleSelecting() {
	l.selecting = !l.selecting
	if l.selecting {
		l.bulk.Show()
	} else {
		l.bulk.Hide()
		l.checked = map[string]bool{}
	}
	// The bar above the list changed height: lay the pane out again.
	if l.articles != nil {
		l.articles.Refresh()
	}
	l.list.Refresh()
}

func (l *library) checkedIDs() []string {
	var ids []string
	for _, a := range l.all {
		if l.checked[a.ID] {
			ids = append(ids, a.ID)
		}
	}
	return ids
}

func (l *library) tagChecked() {
	ids := l.checkedIDs()
	if len(ids) == 0 {
		l.ui.notify.show("Tick the articles to tag first.", nil)
		return
	}
	l.ui.pickTag(fmt.Sprintf("Tag %s", plural(len(ids), "article", "articles")), nil, func(tag string) {
		l.ui.tagArticles(ids, tag)
	})
}

func (l *library) deleteChecked() {
	ids := l.checkedIDs()
	if len(ids) == 0 {
		l.ui.notify.show("Tick the articles to delete first.", nil)
		return
	}
	msg := fmt.Sprintf("Move %s and their highlights to the trash?", plural(len(ids), "article", "articles"))
	l.ui.confirm("Delete articles", msg, func(ok bool) {
		if ok {
			l.ui.deleteArticles(ids)
			l.checked = map[string]bool{}
		}
	})
}

// borderTop puts top above center, in that order for Tab (a Border
// container lists its center first, so Tab reached a list before the
// filter above it).
func borderTop(top, center fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewBorderLayout(top, nil, nil, nil), top, center)
}

// confirm asks a yes/no question in a dialog (see modal).
func (ui *UI) confirm(title, msg string, fn func(bool)) {
	ui.modal(dialog.NewConfirm(title, msg, fn, ui.win))
}
