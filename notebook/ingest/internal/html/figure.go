package html

import (
	"regexp"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// captionCredit matches a photo credit at the end of a caption
// ("… in Bamako. Photo: Jane Doe/AFP", "…UkraineImage: X/dpa").
var captionCredit = regexp.MustCompile(`(?i)\s*[(\[]?\b(?:photo(?:graph)?s?|images?|pictures?|picture credit|credits?|illustration|foto|bild|source|quelle)(?:\s+(?:credit|by))?\s*[:：]\s*[^.!?]*$|\s*(?:©|\(c\)|copyright\b).*$|\s*[(\[]\s*(?:photo|image|picture|foto)s?\s+by\b[^)\]]*[)\]]\s*$|\s*\((?:AP|AFP|Reuters|EPA|Getty Images|dpa)(?:\s*(?:/|via)[^)]*)?\)\s*$`)

// creditLine matches a paragraph that is only a photo credit, including
// "CreditKevin Frayer/Getty Images" (label and name in adjacent elements).
var creditLine = regexp.MustCompile(`(?i)^(?:(?-i:Credits?(?:\p{Lu}|\s+\p{Lu}[^.]*/|$))|(?:photo(?:graph)?s?|images?|pictures?|credits?|illustration|foto|bild|video|graphic)(?:\s+(?:credit|by))?\s*[:：]|(?:photo|image|picture)s?\s+by\s|©|\(c\)\s|copyright\s|(?:getty images|ap photo|reuters|afp|epa|shutterstock|dpa|picture alliance)\b[^.]{0,60}$)`)

// creditClass matches class names of caption credit elements.
var creditClass = regexp.MustCompile(`(?i)credit|copyright|photographer|image-source|img-source|caption-source|attribution`)

// isCredit reports whether a paragraph is only a photo credit.
func isCredit(text string) bool {
	t := strings.TrimSpace(text)
	return len(t) <= 200 && (creditLine.MatchString(t) || agencyCredit.MatchString(t))
}

// cleanCaption removes credit elements and a trailing credit from a
// caption's text.
func cleanCaption(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode {
			if creditClass.MatchString(attrOf(n, "class")) || creditClass.MatchString(attrOf(n, "id")) {
				return
			}
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Button, atom.Svg:
				return
			case atom.Br, atom.P, atom.Div:
				b.WriteString(" ")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	caption := text.CleanSpace(b.String())
	caption = text.CleanSpace(captionCredit.ReplaceAllString(caption, ""))
	if isCredit(caption) {
		return ""
	}
	return caption
}

// liftCaptions replaces each <figure> that has a caption by a paragraph
// holding the cleaned caption text (the extractor drops figures whole), and
// returns the set of caption texts so their paragraphs can be marked as
// captions afterwards. Credit-only captions disappear.
func liftCaptions(doc *html.Node) map[string]bool {
	var figures []*html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Figure {
			figures = append(figures, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	captions := map[string]bool{}
	for _, fig := range figures {
		capNode := FindFirst(fig, atom.Figcaption)
		if capNode == nil || fig.Parent == nil {
			continue
		}
		text := cleanCaption(capNode)
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		if text != "" {
			p.AppendChild(&html.Node{Type: html.TextNode, Data: text})
			captions[blockCleanText(text)] = true
		}
		fig.Parent.InsertBefore(p, fig)
		fig.Parent.RemoveChild(fig)
	}
	return captions
}

// FindFirst returns the first descendant element of n with tag a.
func FindFirst(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if f := FindFirst(c, a); f != nil {
			return f
		}
	}
	return nil
}
