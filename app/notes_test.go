package app

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/driver/desktop"
)

// Issue 15, "Notes and cards".

// fixedMetrics measures 7 units a character (8 in bold), lines 10 high.
var fixedMetrics = mdMetrics{
	TextSize:   10,
	LineHeight: func(float32) float32 { return 10 },
	Measure: func(s string, f mdFace) float32 {
		w := float32(7)
		if f.Bold {
			w = 8
		}
		return w * float32(utf8.RuneCountInString(s))
	},
	ParaGap:    4,
	IndentStep: 14,
}

// lines returns the text of each laid-out line.
func lines(lay mdLayout) []string {
	var out []string
	lastY := float32(-1)
	for _, p := range lay.Pieces {
		if p.Y != lastY {
			out = append(out, "")
			lastY = p.Y
		}
		out[len(out)-1] += p.Text
	}
	return out
}

func TestLayoutMarkdown_wrapsAtWords(t *testing.T) {
	tests := []struct {
		name  string
		md    string
		width float32
		want  []string
	}{
		{"bold stays inline", "a **bold** word follows", 400, []string{"a bold word follows"}},
		{"wrap before a bold word", "one two **three** four", 80, []string{"one two", "three four"}},
		{"no space starts a line", "alpha beta gamma delta", 75, []string{"alpha beta", "gamma", "delta"}},
		{"a word fits whole", "the milestone moved", 63, []string{"the", "milestone", "moved"}},
		{"styles inside a word move together", "go un**broken**able end", 100, []string{"go", "unbrokenable", "end"}},
		{"only a word wider than the line breaks", "Orphaned: yes", 50, []string{"Orphane", "d: yes"}},
		{"a long word of several styles breaks", "x **abcdef**ghij", 56, []string{"x", "abcdefg", "hij"}},
		{"paragraphs", "first\n\nsecond", 400, []string{"first", "second"}},
		{"list items", "- one\n- two", 400, []string{"•one", "•two"}},
		{"hard break", "line one  \nline two", 400, []string{"line one", "line two"}},
	}
	for _, tt := range tests {
		lay := layoutMarkdown(parseMarkdown(tt.md), tt.width, fixedMetrics, 0)
		got := lines(lay)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: lines %q, want %q", tt.name, got, tt.want)
		}
		for _, l := range got {
			if strings.HasPrefix(l, " ") {
				t.Errorf("%s: line %q starts with a space", tt.name, l)
			}
		}
		for _, p := range lay.Pieces {
			if p.X+fixedMetrics.Measure(p.Text, p.Face) > tt.width+0.01 && !strings.HasSuffix(p.Text, " ") {
				t.Errorf("%s: %q ends at %v, past the width %v", tt.name, p.Text, p.X+fixedMetrics.Measure(p.Text, p.Face), tt.width)
			}
		}
	}
}

func TestLayoutMarkdown_maxLines(t *testing.T) {
	lay := layoutMarkdown(parseMarkdown("a note with **several** words that do not fit on one line"), 100, fixedMetrics, 1)
	got := lines(lay)
	if len(got) != 1 || !strings.HasSuffix(got[0], "…") || !lay.Clipped {
		t.Errorf("one line: %q (clipped %v)", got, lay.Clipped)
	}
}

func TestParseMarkdown(t *testing.T) {
	bs := parseMarkdown("Text with **bold**, *italic*, `code` and [a link](https://example.org).\n\n# Heading\n\n> quoted\n\n1. first\n2. second")
	if len(bs) != 5 {
		t.Fatalf("%d blocks: %+v", len(bs), bs)
	}
	var styles []string
	for _, r := range bs[0].Runs {
		switch {
		case r.Bold:
			styles = append(styles, "B:"+r.Text)
		case r.Italic:
			styles = append(styles, "I:"+r.Text)
		case r.Mono:
			styles = append(styles, "M:"+r.Text)
		case r.Link != "":
			styles = append(styles, "L:"+r.Text+"→"+r.Link)
		}
	}
	if want := "B:bold I:italic M:code L:a link→https://example.org"; strings.Join(styles, " ") != want {
		t.Errorf("inline styles %q, want %q", strings.Join(styles, " "), want)
	}
	if bs[1].Kind != mdHeading || bs[2].Kind != mdQuote || bs[3].Bullet != "1." || bs[4].Bullet != "2." {
		t.Errorf("blocks %+v", bs[1:])
	}
	if got := plainMarkdown("A **bold** _claim_"); got != "A bold claim" {
		t.Errorf("plainMarkdown = %q", got)
	}
}

// TestParseMarkdown_hostile: deep nesting and long notes are bounded.
func TestParseMarkdown_hostile(t *testing.T) {
	deep := strings.Repeat("> ", 500) + strings.Repeat("*", 2000) + "x" + strings.Repeat("*", 2000)
	if bs := parseMarkdown(deep); len(bs) > maxMarkdownDepth+2 {
		t.Errorf("%d blocks from deep nesting", len(bs))
	}
	long := strings.Repeat("word ", maxMarkdownRunes)
	n := 0
	for _, b := range parseMarkdown(long) {
		for _, r := range b.Runs {
			n += utf8.RuneCountInString(r.Text)
		}
	}
	if n > maxMarkdownRunes+1 {
		t.Errorf("%d runes rendered of a long note, want at most %d", n, maxMarkdownRunes+1)
	}
}

// TestUI_AllHighlightsRendersMarkdown: the global list renders a note's
// Markdown instead of showing **raw** markup.
func TestUI_AllHighlightsRendersMarkdown(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('n')
	h.settle()
	ed := h.ui.anns.card(h.ui.selAnn).editor
	ed.SetText("Mercenaries **in Burkina Faso** and *elsewhere*")
	ed.onSubmit()
	h.settle()
	h.ui.lib.tree.Select(nodeHighlights)
	h.settle()
	row := h.ui.anns.newGlobalRow()
	h.ui.anns.updateGlobalRow(0, row)
	note := row.(*globalRowWidget).row.note
	note.Resize(note.MinSize().AddWidthHeight(400, 0))
	got := strings.Join(note.plainText(), " ")
	if strings.Contains(got, "*") || !strings.Contains(got, "in Burkina Faso") {
		t.Errorf("All highlights shows the note as %q", got)
	}
}

// TestSwatch_tooltip: a swatch names its colour and key on hover and on
// focus.
func TestSwatch_tooltip(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.selectQuote(wagner)
	sw := h.ui.reader.bar.items[1].(*swatch)
	sw.MouseIn(&desktop.MouseEvent{})
	if got := h.ui.tips.visibleText(); got != "Red — key 2" {
		t.Errorf("hover tip %q", got)
	}
	sw.MouseOut()
	if got := h.ui.tips.visibleText(); got != "" {
		t.Errorf("tip %q after the pointer left", got)
	}
	h.win.Canvas().Focus(sw)
	if got := h.ui.tips.visibleText(); got != "Red — key 2" {
		t.Errorf("focus tip %q", got)
	}
	h.win.Canvas().Focus(h.ui.reader.view)
	if got := h.ui.tips.visibleText(); got != "" {
		t.Errorf("tip %q after the focus left", got)
	}
}
