package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyList is a widget.List for keyboard use: arrows move (as in Fyne),
// Enter or Space opens the focused row, Escape returns to the reader, and
// letter keys reach the reader's key handler (H, 1–8, N, T act on the
// reader's selection or selected highlight wherever no text field has
// focus).
type keyList struct {
	widget.List
	ui *UI
	// keyboard is set while a selection made with the keyboard is being
	// reported (the list then keeps the focus).
	keyboard bool
}

func newKeyList(ui *UI, length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{ui: ui}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey is part of fyne.Focusable.
func (l *keyList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		l.keyboard = true
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		l.keyboard = false
	case fyne.KeyEscape:
		l.ui.focusReader()
	default:
		if !l.ui.readerKey(ev) {
			l.List.TypedKey(ev)
		}
	}
}

// TypedRune is part of fyne.Focusable: the reader's letter keys.
func (l *keyList) TypedRune(r rune) { l.ui.typedRune(r) }

// keyTree is keyList's counterpart for the library tree.
type keyTree struct {
	widget.Tree
	ui *UI
}

func newKeyTree(ui *UI, children func(widget.TreeNodeID) []widget.TreeNodeID, branch func(widget.TreeNodeID) bool,
	create func(bool) fyne.CanvasObject, update func(widget.TreeNodeID, bool, fyne.CanvasObject)) *keyTree {
	t := &keyTree{ui: ui}
	t.ChildUIDs, t.IsBranch, t.CreateNode, t.UpdateNode = children, branch, create, update
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey is part of fyne.Focusable.
func (t *keyTree) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		t.Tree.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	case fyne.KeyEscape:
		t.ui.focusReader()
	default:
		t.Tree.TypedKey(ev)
	}
}

// TypedRune is part of fyne.Focusable: the reader's letter keys.
func (t *keyTree) TypedRune(r rune) { t.ui.typedRune(r) }

// treeRow is one row of the library tree: icon, name and count. A right
// click on a tag opens the tag's menu; a click selects the row as the
// tree's own row would.
type treeRow struct {
	widget.BaseWidget
	l     *library
	node  string
	icon  *widget.Icon
	name  *fitLabel
	count *widget.Label
	root  fyne.CanvasObject
}

var (
	_ fyne.Tappable          = (*treeRow)(nil)
	_ fyne.SecondaryTappable = (*treeRow)(nil)
)

func newTreeRow(l *library) *treeRow {
	r := &treeRow{l: l, icon: widget.NewIcon(theme.FolderIcon()), name: newFitLabel("Tag name"), count: widget.NewLabel("0")}
	r.count.Importance = widget.LowImportance
	r.root = container.NewBorder(nil, nil, r.icon, r.count, r.name)
	r.ExtendBaseWidget(r)
	return r
}

// set shows an icon, a name and a count.
func (r *treeRow) set(icon fyne.Resource, name, count string) {
	if r.icon.Resource != icon {
		r.icon.SetResource(icon)
	}
	r.name.SetText(name)
	setText(r.count, count)
}

// CreateRenderer is part of fyne.Widget.
func (r *treeRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.root) }

// Tapped is part of fyne.Tappable: it selects the row's node.
func (r *treeRow) Tapped(*fyne.PointEvent) {
	if r.node == "" {
		return
	}
	before := r.l.node
	r.l.tree.Select(r.node)
	if before == r.node {
		// Select does nothing on the selected node; a click on it shows
		// its list again (after an orphan's card was opened, say).
		r.l.treeSelected(r.node)
	}
}

// TappedSecondary is part of fyne.SecondaryTappable: a tag's menu.
func (r *treeRow) TappedSecondary(ev *fyne.PointEvent) {
	if tag, ok := strings.CutPrefix(r.node, tagNodePrefix); ok {
		widget.ShowPopUpMenuAtPosition(r.l.ui.tagMenu(tag), r.l.ui.win.Canvas(), ev.AbsolutePosition)
	}
}

// tickBox is the bulk-selection tick box of a list row. Fyne's Check draws
// its box in the input border colour, which in the dark theme is nearly
// the colour of a selected row; this one is outlined in the text colour,
// so it shows on every row in both themes.
type tickBox struct {
	widget.BaseWidget
	checked   bool
	OnChanged func(bool)
}

var _ fyne.Tappable = (*tickBox)(nil)

func newTickBox() *tickBox {
	b := &tickBox{}
	b.ExtendBaseWidget(b)
	return b
}

// SetChecked sets the state without calling OnChanged.
func (b *tickBox) SetChecked(on bool) {
	if b.checked != on {
		b.checked = on
		b.Refresh()
	}
}

// Tapped is part of fyne.Tappable: it toggles the box.
func (b *tickBox) Tapped(*fyne.PointEvent) {
	b.checked = !b.checked
	b.Refresh()
	if b.OnChanged != nil {
		b.OnChanged(b.checked)
	}
}

// CreateRenderer is part of fyne.Widget.
func (b *tickBox) CreateRenderer() fyne.WidgetRenderer {
	r := &tickRenderer{b: b, box: canvas.NewRectangle(color0),
		marks: []*canvas.Line{canvas.NewLine(color0), canvas.NewLine(color0)}}
	r.Refresh()
	return r
}

type tickRenderer struct {
	b     *tickBox
	box   *canvas.Rectangle
	marks []*canvas.Line
}

func (r *tickRenderer) MinSize() fyne.Size {
	s := theme.IconInlineSize() + 2*theme.Padding()
	return fyne.NewSize(s, s)
}

func (r *tickRenderer) Layout(s fyne.Size) {
	d := theme.IconInlineSize() * 0.8
	x, y := (s.Width-d)/2, (s.Height-d)/2
	r.box.Resize(fyne.NewSize(d, d))
	r.box.Move(fyne.NewPos(x, y))
	r.marks[0].Position1, r.marks[0].Position2 = fyne.NewPos(x+d*0.22, y+d*0.52), fyne.NewPos(x+d*0.42, y+d*0.72)
	r.marks[1].Position1, r.marks[1].Position2 = fyne.NewPos(x+d*0.42, y+d*0.72), fyne.NewPos(x+d*0.8, y+d*0.3)
}

func (r *tickRenderer) Refresh() {
	r.box.CornerRadius = 3
	r.box.StrokeWidth = 1.5
	r.box.StrokeColor = theme.Color(theme.ColorNameForeground)
	r.box.FillColor = theme.Color(theme.ColorNameInputBackground)
	if r.b.checked {
		r.box.FillColor = theme.Color(theme.ColorNamePrimary)
		r.box.StrokeColor = theme.Color(theme.ColorNamePrimary)
	}
	for _, m := range r.marks {
		m.StrokeColor = theme.Color(theme.ColorNameForegroundOnPrimary)
		m.StrokeWidth = 2
		if !r.b.checked {
			m.StrokeColor = color0
		}
		m.Refresh()
	}
	r.Layout(r.b.Size())
	r.box.Refresh()
}

func (r *tickRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.box, r.marks[0], r.marks[1]}
}

func (r *tickRenderer) Destroy() {}
