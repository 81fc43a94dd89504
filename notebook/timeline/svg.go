package timeline

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Options are the settings of WriteSVG and WriteHTML.
type Options struct {
	// Width of the picture in pixels; 960 when zero, at least 400.
	Width int
	// Colors maps highlight colour names ("yellow") to hex values
	// ("#f5d90a"); a name missing from the map, or mapped to anything but
	// #rgb, #rrggbb or #rrggbbaa, is drawn grey.
	Colors map[string]string
	// Title is written above the timeline; none when empty.
	Title string
}

// Drawing sizes, in pixels.
const (
	defaultWidth = 960
	minWidth     = 400
	gutter       = 160 // lane names
	rightMargin  = 24
	titleH       = 28
	axisH        = 30
	rowH         = 16
	lanePad      = 6
	pubH         = 34
	markH        = 10
	fallbackFill = "#9e9e9e"
)

// svgGeometry is where WriteSVG draws the parts of a layout.
type svgGeometry struct {
	width, height int
	plotW         int
	axisY         int   // the axis line
	laneTop       []int // top of each lane's band
	laneH         []int
	pubY          int // the centre of the publication row
}

func geometry(l *Layout, width int, title bool) svgGeometry {
	g := svgGeometry{width: width, plotW: width - gutter - rightMargin}
	y := 0
	if title {
		y += titleH
	}
	y += axisH
	g.axisY = y
	for _, ln := range l.Lanes {
		h := max(ln.Rows, 1)*rowH + 2*lanePad
		g.laneTop = append(g.laneTop, y)
		g.laneH = append(g.laneH, h)
		y += h
	}
	g.pubY = y + pubH/2
	g.height = y + pubH + 4
	return g
}

// WriteSVG writes a self-contained SVG picture of the items: a time axis
// with ticks, one band per lane (named at the left), one mark per item (a
// dot for a day, a bar for a longer period, a paler bar running to the
// right edge for an open one) filled with its highlight colour, and below
// them a row of the publication dates, each joined by a thin line to its
// event, so that the gap between an event and its report shows. Each mark
// has a <title> (shown on hover) with the quote, evidence, dates and
// source. items is not modified.
func WriteSVG(w io.Writer, items []Item, opt Options) error {
	bw := bufio.NewWriter(w)
	items = slices.Clone(items)
	width := opt.Width
	if width == 0 {
		width = defaultWidth
	}
	width = max(width, minWidth)
	l := Compute(items, width-gutter-rightMargin)
	writeSVG(bw, items, &l, opt, width)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write timeline SVG: %w", err)
	}
	return nil
}

// writeSVG draws a computed layout of the sorted items.
func writeSVG(w *bufio.Writer, items []Item, l *Layout, opt Options, width int) {
	g := geometry(l, width, opt.Title != "")
	sc := newScale(l.From, l.To, float64(g.plotW))
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	px := func(x float64) string { return f(x + gutter) }
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", g.width, g.height, g.width, g.height)
	w.WriteString(`<rect width="100%" height="100%" fill="#ffffff"/>` + "\n")
	if opt.Title != "" {
		fmt.Fprintf(w, `<text x="8" y="19" font-size="15" font-weight="bold">%s</text>`+"\n", xmlText(opt.Title))
	}
	// Lane bands and names.
	for i, ln := range l.Lanes {
		fill := "#f7f7f7"
		if i%2 == 1 {
			fill = "#eeeeee"
		}
		name := ln.Name
		if name == "" {
			name = "(no lane)"
		}
		fmt.Fprintf(w, `<rect x="0" y="%d" width="%d" height="%d" fill="%s"/>`+"\n", g.laneTop[i], g.width, g.laneH[i], fill)
		fmt.Fprintf(w, `<text x="8" y="%d" fill="#333333">%s</text>`+"\n", g.laneTop[i]+lanePad+rowH/2+4, xmlText(clip(name, 24)))
	}
	fmt.Fprintf(w, `<text x="8" y="%d" fill="#333333">Published</text>`+"\n", g.pubY+4)
	// Axis, ticks and grid lines.
	fmt.Fprintf(w, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333333"/>`+"\n", gutter, g.axisY, gutter+g.plotW, g.axisY)
	for _, t := range l.Ticks {
		stroke := "#dddddd"
		if t.Major {
			stroke = "#bbbbbb"
		}
		fmt.Fprintf(w, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s"/>`, px(t.X), g.axisY-4, px(t.X), g.height-4, stroke)
		fmt.Fprintf(w, `<text x="%s" y="%d" fill="#333333">%s</text>`+"\n", px(t.X+2), g.axisY-8, xmlText(t.Label))
	}
	fmt.Fprintf(w, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999999" stroke-dasharray="2 2"/>`+"\n", gutter, g.pubY, gutter+g.plotW, g.pubY)
	// Lines from each event to its publication date, under the marks.
	for i := range items {
		it, p := &items[i], l.Places[i]
		if !it.PubKnown {
			continue
		}
		x := p.X1 - MarkWidth/2 // from the event's end, the nearest to its report
		if it.open() {
			x = p.X0 + MarkWidth/2
		}
		fmt.Fprintf(w, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="#888888" stroke-opacity="0.4"/>`+"\n",
			px(x), markY(&g, p), px(sc.x(day(it.Published))+3), g.pubY)
	}
	// Event marks and publication marks.
	for i := range items {
		it, p := &items[i], l.Places[i]
		fill := hexColor(opt.Colors, it.Color, fallbackFill)
		title := xmlText(hoverText(it))
		y := markY(&g, p)
		switch {
		case it.open():
			fmt.Fprintf(w, `<rect x="%s" y="%d" width="%s" height="%d" rx="3" fill="%s" fill-opacity="0.45" stroke="%s"><title>%s</title></rect>`+"\n",
				px(p.X0), y-markH/2, f(p.X1-p.X0), markH, fill, fill, title)
		case p.X1-p.X0 <= MarkWidth+0.05:
			fmt.Fprintf(w, `<circle cx="%s" cy="%d" r="%d" fill="%s" stroke="#555555" stroke-width="0.5"><title>%s</title></circle>`+"\n",
				px(p.X0+MarkWidth/2), y, MarkWidth/2, fill, title)
		default:
			fmt.Fprintf(w, `<rect x="%s" y="%d" width="%s" height="%d" rx="3" fill="%s" stroke="#555555" stroke-width="0.5"><title>%s</title></rect>`+"\n",
				px(p.X0), y-markH/2, f(p.X1-p.X0), markH, fill, title)
		}
		if it.PubKnown {
			x := sc.x(day(it.Published)) + gutter
			fmt.Fprintf(w, `<path d="M%s %dl3 -4l3 4l-3 4z" fill="#555555"><title>%s</title></path>`+"\n", f(x), g.pubY, xmlText("Published "+dateText(it.Published)+": "+it.Title))
		}
	}
	w.WriteString("</svg>\n")
}

// markY is the centre line of a place's row.
func markY(g *svgGeometry, p Place) int {
	return g.laneTop[p.Lane] + lanePad + p.Row*rowH + rowH/2
}

// hoverText is the text shown over an item's mark (not escaped).
func hoverText(it *Item) string {
	var b strings.Builder
	b.WriteString("“" + clip(it.Quote, 200) + "”\n")
	b.WriteString(periodText(it) + " (" + it.Precision)
	if it.Relative {
		b.WriteString(", relative")
	}
	if it.UserSet {
		b.WriteString(", set by hand")
	}
	b.WriteString(")")
	if it.Evidence != "" {
		b.WriteString(": " + it.Evidence)
	}
	src := strings.TrimSpace(strings.Join(slices.DeleteFunc([]string{it.Title, it.Outlet}, func(s string) bool { return s == "" }), ", "))
	if src != "" {
		b.WriteString("\n" + src)
	}
	if it.PubKnown {
		b.WriteString("\npublished " + dateText(it.Published))
	}
	return b.String()
}

// periodText writes an item's dates: "2023-01-19", "2023-01-01 – 2023-01-31",
// "2022-07-01 –".
func periodText(it *Item) string {
	switch {
	case it.open():
		return dateText(it.Start) + " –"
	case it.End.Equal(it.Start):
		return dateText(it.Start)
	}
	return dateText(it.Start) + " – " + dateText(it.End)
}
