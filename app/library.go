package app

import (
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
	list    *widget.List
	tree    *widget.Tree
	count   *widget.Label
	bulk    *fyne.Container
	selBtn  *widget.Button

	all   []notebook.Article
	keys  []string // lower-case title, outlet and byline of all[i]
	shown []notebook.Article

	tags     map[string]notebook.TagCount // by tag name
	children map[string][]string          // tree node → child nodes
	tag      string                       // tag filter ("" = all articles)
	node     string                       // selected tree node

	selecting bool
	checked   map[string]bool
	pending   string // article to select after the next load
	loaded    bool
	onLoaded  func()
}

func newLibrary(ui *UI) *library {
	l := &library{ui: ui, checked: map[string]bool{}, tags: map[string]notebook.TagCount{},
		children: map[string][]string{}, node: nodeArticles}
	l.filter = newShortcutEntry(ui)
	l.filter.SetPlaceHolder("Filter articles")
	l.filter.ActionItem = widget.NewIcon(theme.SearchIcon())
	l.filter.OnChanged = func(string) { l.applyFilter() }
	l.sortSel = widget.NewSelect(sortChoices, nil)
	l.sortSel.SetSelectedIndex(0)
	l.sortSel.OnChanged = func(string) { l.reload(l.ui.cur.ID) }
	l.count = widget.NewLabel("")
	l.count.Importance = widget.LowImportance
	l.list = widget.NewList(func() int { return len(l.shown) }, l.newRow, l.updateRow)
	l.list.OnSelected = func(i widget.ListItemID) {
		if i < len(l.shown) && l.shown[i].ID != l.ui.cur.ID {
			l.ui.showArticle(l.shown[i].ID)
		}
	}
	l.tree = widget.NewTree(l.treeChildren, l.treeIsBranch, l.newTreeRow, l.updateTreeRow)
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
	)
	articles := container.NewBorder(top, nil, nil, nil, l.list)
	tagsTitle := widget.NewLabelWithStyle("Library", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	manage := widget.NewButtonWithIcon("", theme.SettingsIcon(), l.ui.showTagManager)
	manage.Importance = widget.LowImportance
	tags := container.NewBorder(container.NewBorder(nil, nil, nil, manage, tagsTitle), nil, nil, nil, l.tree)
	split := container.NewVSplit(articles, tags)
	split.Offset = 0.62
	return split
}

func (l *library) newRow() fyne.CanvasObject {
	title := widget.NewLabel("Article title")
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewLabel("Outlet · date")
	meta.Importance = widget.LowImportance
	meta.Truncation = fyne.TextTruncateEllipsis
	meta.SizeName = theme.SizeNameCaptionText
	check := widget.NewCheck("", nil)
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
	check := row.Objects[1].(*widget.Check)
	title := a.Title
	if title == "" {
		title = "(untitled)"
	}
	text.Objects[0].(*widget.Label).SetText(title)
	text.Objects[1].(*widget.Label).SetText(listMeta(a))
	check.OnChanged = nil
	check.SetChecked(l.checked[a.ID])
	check.OnChanged = func(on bool) {
		if on {
			l.checked[a.ID] = true
		} else {
			delete(l.checked, a.ID)
		}
	}
	if l.selecting {
		check.Show()
	} else {
		check.Hide()
	}
}

// listMeta is the second line of an article row: outlet, date, highlights.
func listMeta(a notebook.Article) string {
	var parts []string
	if a.Outlet != "" {
		parts = append(parts, a.Outlet)
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.String())
	} else {
		parts = append(parts, "added "+a.Added.Format("2006-01-02"))
	}
	switch a.Annotations {
	case 0:
	case 1:
		parts = append(parts, "1 highlight")
	default:
		parts = append(parts, fmt.Sprintf("%d highlights", a.Annotations))
	}
	return strings.Join(parts, " · ")
}

// reload re-reads the articles and tags in the background, then selects
// the article selectID (when it is listed).
func (l *library) reload(selectID string) {
	l.pending = selectID
	opt := notebook.ListOptions{Tag: l.tag, Sort: sortKeys[max(0, l.sortSel.SelectedIndex())]}
	l.ui.mu.Lock()
	l.ui.reloadGen++
	gen := l.ui.reloadGen
	l.ui.mu.Unlock()
	l.ui.background(func() func() {
		arts, err := l.ui.nb.Articles(opt)
		if err != nil {
			return func() { l.ui.showError(fmt.Errorf("list articles: %w", err)) }
		}
		keys := make([]string, len(arts))
		for i, a := range arts {
			keys[i] = strings.ToLower(a.Title + "\x00" + a.Outlet + "\x00" + a.Byline)
		}
		tags, terr := l.ui.nb.Tags()
		return func() {
			l.ui.mu.Lock()
			stale := gen != l.ui.reloadGen
			l.ui.mu.Unlock()
			if stale {
				return
			}
			if terr != nil {
				l.ui.showError(fmt.Errorf("list tags: %w", terr))
			}
			l.all, l.keys = arts, keys
			l.setTags(tags)
			l.applyFilter()
			l.loaded = true
			if f := l.onLoaded; f != nil {
				l.onLoaded = nil
				f()
			}
		}
	})
}

// scheduleReload reloads after a change, keeping the current article.
func (l *library) scheduleReload() { l.reload(l.ui.cur.ID) }

// applyFilter narrows the loaded articles to the filter text and re-selects
// the current (or pending) article.
func (l *library) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(l.filter.Text))
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
	n := fmt.Sprintf("%d articles", len(l.shown))
	if len(l.shown) == 1 {
		n = "1 article"
	}
	l.count.SetText(n)
	l.list.Refresh()
	want := l.pending
	l.pending = ""
	if want == "" {
		want = l.ui.cur.ID
	}
	for i, a := range l.shown {
		if a.ID == want {
			l.list.Select(i)
			if l.ui.cur.ID != want {
				l.ui.showArticle(want)
			}
			return
		}
	}
	l.list.UnselectAll()
	if l.ui.cur.ID == "" && len(l.shown) > 0 {
		l.list.Select(0)
	}
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
		parents := notebook.TagParents(t.Name)
		parent := ""
		for _, p := range parents {
			add(parent, tagNodePrefix+p)
			parent = tagNodePrefix + p
		}
	}
	l.children = map[string][]string{"": {nodeArticles, nodeHighlights, nodeOrphans}}
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

func (l *library) newTreeRow(bool) fyne.CanvasObject {
	count := widget.NewLabel("0")
	count.Importance = widget.LowImportance
	name := widget.NewLabel("Tag name")
	name.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), count, name)
}

func (l *library) updateTreeRow(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	name := row.Objects[0].(*widget.Label)
	icon := row.Objects[1].(*widget.Icon)
	count := row.Objects[2].(*widget.Label)
	switch id {
	case nodeArticles:
		name.SetText("All articles")
		icon.SetResource(theme.DocumentIcon())
		count.SetText(fmt.Sprint(len(l.allCount())))
	case nodeHighlights:
		name.SetText("All highlights")
		icon.SetResource(theme.ColorPaletteIcon())
		count.SetText("")
	case nodeOrphans:
		name.SetText("Orphans")
		icon.SetResource(theme.WarningIcon())
		count.SetText("")
	default:
		tag := strings.TrimPrefix(id, tagNodePrefix)
		leaf := tag[strings.LastIndex(tag, "/")+1:]
		name.SetText(leaf)
		icon.SetResource(theme.FolderIcon())
		if c, ok := l.tags[tag]; ok {
			count.SetText(fmt.Sprint(c.Articles + c.Annotations))
		} else {
			count.SetText("")
		}
	}
}

// allCount is the article list when no tag filter is on (for the count).
func (l *library) allCount() []notebook.Article {
	if l.tag == "" {
		return l.all
	}
	return nil
}

func (l *library) treeSelected(id widget.TreeNodeID) {
	l.node = id
	switch id {
	case nodeArticles:
		l.setTag("")
		l.ui.anns.showArticleMode()
	case nodeHighlights:
		l.ui.anns.showGlobal(false)
	case nodeOrphans:
		l.ui.anns.showGlobal(true)
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
	l.reload(l.ui.cur.ID)
}

func (l *library) toggleSelecting() {
	l.selecting = !l.selecting
	if l.selecting {
		l.bulk.Show()
	} else {
		l.bulk.Hide()
		l.checked = map[string]bool{}
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
	l.ui.pickTag(fmt.Sprintf("Tag %d articles", len(ids)), func(tag string) {
		l.ui.tagArticles(ids, tag)
	})
}

func (l *library) deleteChecked() {
	ids := l.checkedIDs()
	if len(ids) == 0 {
		l.ui.notify.show("Tick the articles to delete first.", nil)
		return
	}
	msg := fmt.Sprintf("Move %d articles and their highlights to the trash?", len(ids))
	dialog.ShowConfirm("Delete articles", msg, func(ok bool) {
		if ok {
			l.ui.deleteArticles(ids)
			l.checked = map[string]bool{}
		}
	}, l.ui.win)
}
