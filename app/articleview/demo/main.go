// Command demo opens the ArticleView on the sample DW article with a few
// highlights, to try the reader by hand:
//
//	go run ./app/articleview/demo [article.txt]
//
// Select with the mouse or Shift+arrows; H highlights the selection (1–8
// pick a palette colour), N toggles a note marker on the last highlight,
// + and - change the font size, D switches light/dark, right click opens a
// menu, Ctrl+C copies, Ctrl+J jumps to a highlight.
package main

import (
	"flag"
	"fmt"
	"image/color"
	"log"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/app/articleview"
)

// defaultArticle is the repository's sample page, relative to the
// repository root (run the demo from there).
const defaultArticle = "internal/testutil/testdata/sahel-sample.txt"

func main() {
	flag.Parse()
	path := defaultArticle
	if flag.NArg() > 0 {
		path = flag.Arg(0)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		log.Fatalf("demo: read article %s: %v", path, err)
	}
	text, kinds := paragraphs(string(raw), "Russia pledges drones and grain to Burkina Faso", "March 14, 2024")

	a := app.NewWithID("org.glossnotes.articleview-demo")
	dark := false
	setTheme := func() {
		v := theme.VariantLight
		if dark {
			v = theme.VariantDark
		}
		// The variant is forced around the wrapped theme so that the
		// highlight colours switch with it.
		a.Settings().SetTheme(fixedVariant{articleview.WrapTheme(theme.DefaultTheme()), v})
	}
	setTheme()
	w := a.NewWindow("ArticleView demo")

	view := articleview.New()
	view.SetDocument("Russia pledges drones and grain to Burkina Faso",
		"Amara Lindqvist and Joseph Ouédraogo (with AFP and Reuters) · Meridian · March 14, 2024", text, kinds)
	spans := []articleview.Span{
		span(text, "h1", "promised new reconnaissance drones", "yellow", true),
		span(text, "h2", "armed groups that control large parts of its north", "green", false),
		span(text, "h3", "Orlovsky described the partnership between Moscow", "blue", false),
		span(text, "h4", "the partnership", "magenta", true),
		span(text, "h5", "Wagner", "orange", false),
	}
	view.SetSpans(spans)

	status := widget.NewLabel("Select text; H highlights, right click for a menu")
	view.OnSelectionChanged = func(s, e int) {
		status.SetText(fmt.Sprintf("selection %d–%d: %q", s, e, clip(view.SelectedText())))
	}
	view.OnSpanTapped = func(id string) { status.SetText("tapped highlight " + id) }
	current := "yellow"
	addSpan := func(c string) {
		s, e := view.Selection()
		if s == e {
			return
		}
		spans = append(spans, articleview.Span{ID: fmt.Sprintf("u%d", len(spans)+1), Start: s, End: e, Color: c})
		view.SetSpans(spans)
		view.SetSelection(e, e)
	}
	view.OnTypedRune = func(r rune) {
		switch {
		case r == 'h' || r == 'H':
			addSpan(current)
		case r >= '1' && r <= '8':
			current = articleview.Palette[r-'1']
			status.SetText("colour " + current)
		case r == 'n' || r == 'N':
			if len(spans) > 0 {
				spans[len(spans)-1].HasNote = !spans[len(spans)-1].HasNote
				view.SetSpans(spans)
			}
		case r == '+':
			view.SetFontScale(view.FontScale() * 1.1)
		case r == '-':
			view.SetFontScale(view.FontScale() / 1.1)
		case r == 'd' || r == 'D':
			dark = !dark
			setTheme()
		}
	}
	view.OnSecondaryTapped = func(ev articleview.SecondaryEvent) {
		var items []*fyne.MenuItem
		if ev.InSelection {
			for _, c := range articleview.Palette {
				items = append(items, fyne.NewMenuItem("Highlight "+c, func() { addSpan(c) }))
			}
		}
		for _, id := range ev.SpanIDs {
			items = append(items, fyne.NewMenuItem("Remove highlight "+id, func() {
				for i, sp := range spans {
					if sp.ID == id {
						spans = append(spans[:i], spans[i+1:]...)
						break
					}
				}
				view.SetSpans(spans)
			}))
		}
		if len(items) == 0 {
			items = append(items, fyne.NewMenuItem(fmt.Sprintf("Offset %d", ev.Offset), nil))
		}
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), w.Canvas(), ev.AbsolutePosition)
	}
	next := 0
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyJ, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if len(spans) == 0 {
			return
		}
		next = (next + 1) % len(spans)
		view.ScrollToOffset(spans[next].Start)
		status.SetText("jumped to " + spans[next].ID)
	})

	w.SetContent(container.NewBorder(nil, status, nil, nil, view))
	w.Resize(fyne.NewSize(1000, 720))
	w.Canvas().Focus(view)
	w.ShowAndRun()
}

// paragraphs normalises the saved page to paragraphs separated by one blank
// line, drops everything up to the paragraph ending the header (the title,
// byline and date are shown in the view's header), and guesses kinds:
// numbered lines are items, short lines without final punctuation
// headings, "Image:" credits captions, paragraphs opening with a quotation
// mark quotes.
func paragraphs(raw, title, headerEnd string) (string, []articleview.Kind) {
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	var paras []string
	var kinds []articleview.Kind
	item := regexp.MustCompile(`^\d+\.\s`)
	all := regexp.MustCompile(`\n\s*\n`).Split(raw, -1)
	for i, p := range all {
		if strings.HasSuffix(strings.TrimSpace(p), headerEnd) && strings.Contains(raw, title) {
			all = all[i+1:]
			break
		}
	}
	for _, p := range all {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		k := articleview.Body
		switch {
		case item.MatchString(p):
			k = articleview.Item
		case strings.Contains(p, "Image:"):
			k = articleview.Caption
		case strings.HasPrefix(p, "\""):
			k = articleview.Quote
		case utf8.RuneCountInString(p) < 70 && !strings.ContainsAny(p[len(p)-1:], ".?!\"”:"):
			k = articleview.Heading
		}
		paras = append(paras, p)
		kinds = append(kinds, k)
	}
	return strings.Join(paras, "\n\n"), kinds
}

// span highlights the first occurrence of quote, in rune offsets.
func span(text, id, quote, color string, note bool) articleview.Span {
	i := strings.Index(text, quote)
	if i < 0 {
		return articleview.Span{ID: id}
	}
	s := utf8.RuneCountInString(text[:i])
	return articleview.Span{ID: id, Start: s, End: s + utf8.RuneCountInString(quote), Color: color, HasNote: note}
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// fixedVariant forces a theme variant so that the demo can switch.
type fixedVariant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}
