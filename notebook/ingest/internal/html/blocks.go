package html

import (
	"strings"
	"unicode"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockCleanText normalises the text of one HTML paragraph, where white
// space is not significant: invisible and
// control characters removed, runs of spaces collapsed, each line trimmed,
// empty lines dropped (a paragraph never contains a blank line).
func blockCleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\u00AD', r == '\u200B', r == '\u200C', r == '\u200D', r == '\u2060', r == '\uFEFF':
			return -1 // soft hyphen, zero-width characters
		case r == '\t', r == '\r', r == '\u00A0', r == '\u2028', r == '\u2029':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// blockKinds maps block elements to the kind their text gets. Elements
// mapped to Body inherit the kind of an enclosing block (a <p> inside a
// <blockquote> is a Quote).
var blockKinds = map[atom.Atom]draft.Kind{
	atom.P: draft.Body, atom.Div: draft.Body, atom.Section: draft.Body, atom.Article: draft.Body, atom.Main: draft.Body,
	atom.Header: draft.Body, atom.Footer: draft.Body, atom.Aside: draft.Body, atom.Nav: draft.Body, atom.Body: draft.Body,
	atom.Ul: draft.Body, atom.Ol: draft.Body, atom.Dl: draft.Body, atom.Table: draft.Body, atom.Tbody: draft.Body,
	atom.Thead: draft.Body, atom.Tfoot: draft.Body, atom.Tr: draft.Body, atom.Pre: draft.Body, atom.Address: draft.Body,
	atom.Details: draft.Body, atom.Center: draft.Body, atom.Form: draft.Body, atom.Fieldset: draft.Body, atom.Hr: draft.Body,
	atom.Figure: draft.Body, atom.Caption: draft.Caption, atom.Figcaption: draft.Caption,
	atom.H1: draft.Heading, atom.H2: draft.Heading, atom.H3: draft.Heading, atom.H4: draft.Heading,
	atom.H5: draft.Heading, atom.H6: draft.Heading, atom.Summary: draft.Heading,
	atom.Blockquote: draft.Quote,
	atom.Li:         draft.Item, atom.Dd: draft.Item, atom.Dt: draft.Item,
}

// block is one paragraph of a page with what the clean-up rules read
// about it besides its text.
type block struct {
	draft.Block
	// chars counts the paragraph's letters and digits, links those of
	// them inside links: a paragraph that is mostly links is navigation
	// or a list of other stories.
	chars, links int
	// hint is what the class names and ids of the elements around it say
	// it is (hints.go).
	hint hint
	// lines is the number of lines (<br>) of the paragraph.
	lines int
}

// linkShare is the share of a block's letters and digits inside links.
func (b block) linkShare() float64 {
	if b.chars == 0 {
		return 0
	}
	return float64(b.links) / float64(b.chars)
}

// words counts a block's words.
func (b block) words() int { return len(strings.Fields(b.Text)) }

// Blocks turns an HTML fragment into paragraphs: every block element
// ends a paragraph, <br> breaks a line, table rows become one paragraph with
// cells separated by " | ".
func Blocks(root *html.Node) []draft.Block {
	bs := pageBlocks(root)
	out := make([]draft.Block, len(bs))
	for i, b := range bs {
		out[i] = b.Block
	}
	return out
}

// pageBlocks is Blocks with what the clean-up rules read about each
// paragraph.
func pageBlocks(root *html.Node) []block {
	var out []block
	var cur strings.Builder
	curKind := draft.Body
	var chars, links int
	var curHint hint
	flush := func() {
		if t := blockCleanText(cur.String()); t != "" {
			out = append(out, block{Block: draft.Block{Kind: curKind, Text: t}, chars: chars, links: links, hint: curHint,
				lines: strings.Count(t, "\n") + 1})
		}
		cur.Reset()
		chars, links = 0, 0
	}
	var walk func(n *html.Node, kind draft.Kind, pre, inLink bool, h hint)
	walk = func(n *html.Node, kind draft.Kind, pre, inLink bool, h hint) {
		switch n.Type {
		case html.TextNode:
			if cur.Len() == 0 {
				curKind = kind
				curHint = h
			}
			curHint |= h
			if pre {
				cur.WriteString(n.Data)
			} else {
				cur.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
			}
			c := countAlnum(n.Data)
			chars += c
			if inLink {
				links += c
			}
			return
		case html.ElementNode:
			tag := atomOf(n)
			switch tag {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Button, atom.Select, atom.Textarea,
				atom.Rt, atom.Rp: // ruby annotations (furigana) would double the text
				return
			case atom.Br:
				cur.WriteString("\n")
				return
			case atom.Td, atom.Th:
				if cur.Len() > 0 {
					cur.WriteString(" | ")
				}
			case atom.Img:
				return
			case atom.A:
				if attrOf(n, "href") != "" {
					inLink = true
				}
			}
			if n != root {
				h |= hintOf(n)
			}
			if k, block := blockKinds[tag]; block {
				flush()
				if k != draft.Body {
					kind = k
				}
				if tag == atom.Pre {
					pre = true
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c, kind, pre, inLink, h)
				}
				flush()
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, kind, pre, inLink, h)
		}
	}
	walk(root, draft.Body, false, false, 0)
	flush()
	return out
}

// countAlnum counts the letters and digits of s.
func countAlnum(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x80 {
			if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
				n++
			}
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
