package app

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Notes are Markdown. Fyne's RichText draws each styled segment as its own
// box, so a bold word in a wrapped paragraph forces a line break and
// narrow panes break words in the middle. Gloss parses notes with
// goldmark (a maintained CommonMark parser, already used by the importer)
// into the small block/run model below, and mdView lays the runs out
// itself, wrapping at word boundaries across styles.

// maxMarkdownRunes is how much of a note is rendered; the rest is cut
// with an ellipsis (the service bounds notes, this bounds the drawing).
const maxMarkdownRunes = 20000

// maxMarkdownDepth bounds the nesting of blocks and inlines followed.
const maxMarkdownDepth = 24

// mdKind is a block's presentation.
type mdKind int

const (
	mdPara mdKind = iota
	mdHeading
	mdItem
	mdQuote
	mdCode
	mdRule
)

// mdRun is a piece of inline text in one style.
type mdRun struct {
	Text               string
	Bold, Italic, Mono bool
	Link               string // destination, for links
	Break              bool   // a hard line break (Text is empty)
}

// mdBlock is one paragraph-like block.
type mdBlock struct {
	Kind   mdKind
	Level  int    // heading level
	Indent int    // list or quote nesting
	Bullet string // list marker ("•", "1.")
	Runs   []mdRun
}

// parseMarkdown turns Markdown into blocks of styled runs.
func parseMarkdown(src string) []mdBlock {
	if n := utf8.RuneCountInString(src); n > maxMarkdownRunes {
		r := []rune(src)
		src = string(r[:maxMarkdownRunes]) + "…"
	}
	source := []byte(src)
	doc := goldmark.New().Parser().Parse(text.NewReader(source))
	p := &mdParser{src: source}
	p.blocks(doc, 0, 0)
	return p.out
}

type mdParser struct {
	src []byte
	out []mdBlock
}

// blocks converts the block children of n.
func (p *mdParser) blocks(n ast.Node, indent, depth int) {
	if depth > maxMarkdownDepth {
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch b := c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			p.out = append(p.out, mdBlock{Kind: mdPara, Indent: indent, Runs: p.inlines(b, mdRun{}, depth)})
		case *ast.Heading:
			p.out = append(p.out, mdBlock{Kind: mdHeading, Level: b.Level, Indent: indent, Runs: p.inlines(b, mdRun{Bold: true}, depth)})
		case *ast.Blockquote:
			start := len(p.out)
			p.blocks(b, indent+1, depth+1)
			for i := start; i < len(p.out); i++ {
				if p.out[i].Kind == mdPara {
					p.out[i].Kind = mdQuote
				}
			}
		case *ast.List:
			num := b.Start
			for item := b.FirstChild(); item != nil; item = item.NextSibling() {
				bullet := "•"
				if b.IsOrdered() {
					bullet = fmt.Sprintf("%d.", num)
					num++
				}
				start := len(p.out)
				p.blocks(item, indent+1, depth+1)
				if start < len(p.out) {
					p.out[start].Kind = mdItem
					p.out[start].Bullet = bullet
				} else {
					p.out = append(p.out, mdBlock{Kind: mdItem, Indent: indent + 1, Bullet: bullet})
				}
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := b.Lines()
			var sb strings.Builder
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				sb.Write(seg.Value(p.src))
			}
			for _, line := range strings.Split(strings.TrimRight(sb.String(), "\n"), "\n") {
				p.out = append(p.out, mdBlock{Kind: mdCode, Indent: indent, Runs: []mdRun{{Text: line, Mono: true}}})
			}
		case *ast.ThematicBreak:
			p.out = append(p.out, mdBlock{Kind: mdRule, Indent: indent})
		case *ast.HTMLBlock:
			lines := b.Lines()
			var sb strings.Builder
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				sb.Write(seg.Value(p.src))
			}
			p.out = append(p.out, mdBlock{Kind: mdPara, Indent: indent, Runs: []mdRun{{Text: strings.TrimSpace(sb.String())}}})
		default:
			p.blocks(c, indent, depth+1)
		}
	}
}

// inlines converts the inline children of n in style st.
func (p *mdParser) inlines(n ast.Node, st mdRun, depth int) []mdRun {
	var out []mdRun
	p.inline(n, st, depth, &out)
	return mergeRuns(out)
}

func (p *mdParser) inline(n ast.Node, st mdRun, depth int, out *[]mdRun) {
	if depth > maxMarkdownDepth {
		return
	}
	add := func(s string) {
		if s == "" {
			return
		}
		r := st
		r.Text = s
		*out = append(*out, r)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Text:
			add(string(v.Segment.Value(p.src)))
			switch {
			case v.HardLineBreak():
				*out = append(*out, mdRun{Break: true})
			case v.SoftLineBreak():
				add(" ")
			}
		case *ast.String:
			add(string(v.Value))
		case *ast.CodeSpan:
			s := st
			s.Mono = true
			var sb strings.Builder
			for t := v.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					sb.Write(tx.Segment.Value(p.src))
				}
			}
			s.Text = sb.String()
			if s.Text != "" {
				*out = append(*out, s)
			}
		case *ast.Emphasis:
			s := st
			if v.Level >= 2 {
				s.Bold = true
			} else {
				s.Italic = true
			}
			p.inline(v, s, depth+1, out)
		case *ast.Link:
			s := st
			s.Link = string(v.Destination)
			p.inline(v, s, depth+1, out)
		case *ast.AutoLink:
			s := st
			s.Link = string(v.URL(p.src))
			s.Text = string(v.Label(p.src))
			*out = append(*out, s)
		case *ast.Image:
			p.inline(v, st, depth+1, out) // the alt text
		case *ast.RawHTML:
			for i := 0; i < v.Segments.Len(); i++ {
				seg := v.Segments.At(i)
				add(string(seg.Value(p.src)))
			}
		default:
			p.inline(c, st, depth+1, out)
		}
	}
}

// mergeRuns joins neighbouring runs of the same style.
func mergeRuns(rs []mdRun) []mdRun {
	var out []mdRun
	for _, r := range rs {
		if n := len(out); n > 0 && !r.Break && !out[n-1].Break && sameStyle(out[n-1], r) {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return out
}

func sameStyle(a, b mdRun) bool {
	return a.Bold == b.Bold && a.Italic == b.Italic && a.Mono == b.Mono && a.Link == b.Link
}

// plainMarkdown is the text of Markdown without its markup, on one line
// (for places that show a note in a single line of plain text).
func plainMarkdown(src string) string {
	var parts []string
	for _, b := range parseMarkdown(src) {
		var sb strings.Builder
		if b.Bullet != "" {
			sb.WriteString(b.Bullet + " ")
		}
		for _, r := range b.Runs {
			if r.Break {
				sb.WriteByte(' ')
				continue
			}
			sb.WriteString(r.Text)
		}
		parts = append(parts, sb.String())
	}
	return oneLine(strings.Join(parts, " "))
}
