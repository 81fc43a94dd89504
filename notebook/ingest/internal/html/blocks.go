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

// Blocks turns an HTML fragment into paragraphs: every block element
// ends a paragraph, <br> breaks a line, table rows become one paragraph with
// cells separated by " | ".
func Blocks(root *html.Node) []draft.Block {
	var out []draft.Block
	var cur strings.Builder
	curKind := draft.Body
	flush := func() {
		if t := blockCleanText(cur.String()); t != "" {
			out = append(out, draft.Block{Kind: curKind, Text: t})
		}
		cur.Reset()
	}
	var walk func(n *html.Node, kind draft.Kind, pre bool)
	walk = func(n *html.Node, kind draft.Kind, pre bool) {
		switch n.Type {
		case html.TextNode:
			if cur.Len() == 0 {
				curKind = kind
			}
			if pre {
				cur.WriteString(n.Data)
			} else {
				cur.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
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
					walk(c, kind, pre)
				}
				flush()
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, kind, pre)
		}
	}
	walk(root, draft.Body, false)
	flush()
	return out
}
