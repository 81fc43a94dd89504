package timeline

import (
	"bufio"
	"fmt"
	"io"
	"slices"
)

// htmlStyle is the page's style sheet.
const htmlStyle = `body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}
figure{margin:0 0 2em;overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
td.q{max-width:36em}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.4em;vertical-align:-1px}
.note{color:#666;font-size:12px}`

// WriteHTML writes a self-contained HTML page: the title, the SVG picture
// of WriteSVG and a table of the items in chronological order (dates,
// precision, evidence, quote, lane, source with a link for http and
// https URLs, publication date). items is not modified.
func WriteHTML(w io.Writer, items []Item, opt Options) error {
	bw := bufio.NewWriter(w)
	items = slices.Clone(items)
	width := opt.Width
	if width == 0 {
		width = defaultWidth
	}
	width = max(width, minWidth)
	l := Compute(items, width-gutter-rightMargin)
	title := opt.Title
	if title == "" {
		title = "Timeline"
	}
	fmt.Fprintf(bw, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n<style>\n%s\n</style>\n</head>\n<body>\n<h1>%s</h1>\n<figure>\n", xmlText(title), htmlStyle, xmlText(title))
	svgOpt := opt
	svgOpt.Title = ""
	writeSVG(bw, items, &l, svgOpt, width)
	bw.WriteString("</figure>\n<table>\n<thead><tr><th>Date</th><th>Precision</th><th>Evidence</th><th>Quote</th><th>Lane</th><th>Source</th><th>Published</th></tr></thead>\n<tbody>\n")
	for i := range items {
		it := &items[i]
		prec := xmlText(it.Precision)
		if it.Relative {
			prec += ` <span class="note">relative</span>`
		}
		if it.UserSet {
			prec += ` <span class="note">set by hand</span>`
		}
		src := xmlText(it.Title)
		if u := safeURL(it.URL); u != "" {
			if src == "" {
				src = xmlText(u)
			}
			src = `<a href="` + xmlText(u) + `">` + src + `</a>`
		}
		if it.Outlet != "" {
			src += ", " + xmlText(it.Outlet)
		}
		pub := ""
		if it.PubKnown {
			pub = dateText(it.Published)
		}
		fmt.Fprintf(bw, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"q\"><span class=\"sw\" style=\"background:%s\"></span>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			xmlText(periodText(it)), prec, xmlText(it.Evidence), hexColor(opt.Colors, it.Color, fallbackFill), xmlText(it.Quote), xmlText(it.Lane), src, pub)
	}
	bw.WriteString("</tbody>\n</table>\n</body>\n</html>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write timeline HTML: %w", err)
	}
	return nil
}
