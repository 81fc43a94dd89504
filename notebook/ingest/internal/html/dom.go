package html

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// attrOf returns the value of an element's attribute, or "".
func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether an element has an attribute, even an empty one
// (<p hidden>).
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

// textOf returns the text content of a node. Inside it, scripts, styles,
// templates and ruby annotations (furigana) are skipped; a <script> or <style> node itself returns its
// body (used for JSON-LD).
func textOf(n *html.Node) string {
	var b strings.Builder
	if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
		return b.String()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style || c.DataAtom == atom.Template ||
				c.DataAtom == atom.Rt || c.DataAtom == atom.Rp) {
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// inSVG reports whether n sits inside an <svg> element (whose <title>
// is not the page title).
func inSVG(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "svg" {
			return true
		}
	}
	return n.Namespace == "svg"
}

// unescapeText decodes HTML entities left in text taken from JSON-LD.
func unescapeText(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return html.UnescapeString(s)
}

// atomOf returns an element's tag as an atom. Elements created by the
// extractor carry only their tag name, not the atom the parser sets.
func atomOf(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}
