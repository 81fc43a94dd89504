package ingest

import (
	"strings"
	"unicode"

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

// htmlBlockKinds maps block elements to the kind their text gets. Elements
// mapped to Body inherit the kind of an enclosing block (a <p> inside a
// <blockquote> is a Quote).
var htmlBlockKinds = map[atom.Atom]BlockKind{
	atom.P: Body, atom.Div: Body, atom.Section: Body, atom.Article: Body, atom.Main: Body,
	atom.Header: Body, atom.Footer: Body, atom.Aside: Body, atom.Nav: Body, atom.Body: Body,
	atom.Ul: Body, atom.Ol: Body, atom.Dl: Body, atom.Table: Body, atom.Tbody: Body,
	atom.Thead: Body, atom.Tfoot: Body, atom.Tr: Body, atom.Pre: Body, atom.Address: Body,
	atom.Details: Body, atom.Center: Body, atom.Form: Body, atom.Fieldset: Body, atom.Hr: Body,
	atom.Figure: Body, atom.Caption: Caption, atom.Figcaption: Caption,
	atom.H1: Heading, atom.H2: Heading, atom.H3: Heading, atom.H4: Heading,
	atom.H5: Heading, atom.H6: Heading, atom.Summary: Heading,
	atom.Blockquote: Quote,
	atom.Li:         Item, atom.Dd: Item, atom.Dt: Item,
}

// htmlBlocks turns an HTML fragment into paragraphs: every block element
// ends a paragraph, <br> breaks a line, table rows become one paragraph with
// cells separated by " | ".
func htmlBlocks(root *html.Node) []block {
	var out []block
	var cur strings.Builder
	curKind := Body
	flush := func() {
		if t := blockCleanText(cur.String()); t != "" {
			out = append(out, block{kind: curKind, text: t})
		}
		cur.Reset()
	}
	var walk func(n *html.Node, kind BlockKind, pre bool)
	walk = func(n *html.Node, kind BlockKind, pre bool) {
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
			tag := htmlAtom(n)
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
			if k, block := htmlBlockKinds[tag]; block {
				flush()
				if k != Body {
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
	walk(root, Body, false)
	flush()
	return out
}
