package html

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The title Gloss gives an article is its headline as the page shows it,
// without the site's name. Many pages show it in an <h1>, but older and
// smaller sites set it in a cell or a bold line, and their <title> holds
// the site's name, a section and the headline in any order ("Goal.com -
// Chelsea - Cole: Winning…", "Sonics | Veteran, rookie… | Seattle Times").
// So before the extractor runs, scanHeadlines notes the headlines the page
// shows: its headings, the elements its class names call a headline, and
// any line of text that is a part of its <title>; and where each stands.
// Once the article is found, the headline that matches a title from the
// metadata wins, and failing that the heading that stands just before the
// article's text (titles.go chooses).

// headCand is a headline a page shows.
type headCand struct {
	text string
	pos  int // its place among the page's text nodes
	rank int // 1–4: <h1>–<h4>; 5: a headline class; 6: a line equal to a part of <title> or a title of the markup; 7: a line in bold or large type
}

// headScan is what scanHeadlines learns about a page.
type headScan struct {
	cands []headCand
	// paras are the page's paragraph-long text nodes and their places,
	// to find where the extracted article starts: the extractor may copy
	// nodes, so they are compared by their beginning (headKey).
	paras []headPara
}

// headPara is a paragraph-long text node of the page and its place.
type headPara struct {
	text string
	pos  int
}

const (
	// headMaxCands bounds the candidates kept from one page.
	headMaxCands = 200
	// headParaRunes is the length from which a text node counts as the
	// start of a paragraph.
	headParaRunes = 60
	// headMaxParas bounds the paragraphs whose places are kept.
	headMaxParas = 5000
	// headMaxTries bounds the article's paragraphs looked up among them.
	headMaxTries = 8
)

// headClass matches the class names and ids of headline elements.
var headClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:\w*head(?:line|ing)\w*|hed|(?:story|news|article|post|entry|page|content|main)[-_]?(?:head|title|header)|title)(?:$|[\s_-])`)

// headClassOf reports whether a class name or id names a headline
// (headClass), trying the pattern only on names that hold one of its
// words.
func headClassOf(v string) bool {
	if v == "" {
		return false
	}
	l := strings.ToLower(v)
	if !strings.Contains(l, "hed") && !strings.Contains(l, "head") && !strings.Contains(l, "title") {
		return false
	}
	return headClass.MatchString(v)
}

// headSkip are the elements whose text is never the article's headline.
var headSkip = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Nav: true,
	atom.Footer: true, atom.Aside: true, atom.Select: true, atom.Option: true, atom.Button: true,
	atom.Textarea: true, atom.Svg: true, atom.Title: true, atom.Head: true,
}

// scanHeadlines walks a page once and returns its headline candidates
// and the places of its paragraphs. titleParts are the parts of its
// <title> (titleParts), which a line of text must equal to be a candidate.
func scanHeadlines(doc *html.Node, titleParts []string) headScan {
	var s headScan
	parts := map[string]bool{}
	var initials [256]bool // the first bytes of the parts, either case
	for _, p := range titleParts {
		if p = strings.ToLower(p); p != "" {
			parts[p] = true
			initials[p[0]] = true
			initials[strings.ToUpper(p[:1])[0]] = true
		}
	}
	n := 0
	var walk func(*html.Node, bool)
	walk = func(node *html.Node, inCand bool) {
		for c := node.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				n++
				t := strings.TrimSpace(c.Data)
				if t == "" {
					continue
				}
				runes := utf8.RuneCountInString(t)
				if runes >= headParaRunes && len(s.paras) < headMaxParas {
					s.paras = append(s.paras, headPara{t, n})
				}
				if !inCand && runes <= 300 && initials[t[0]] && len(s.cands) < headMaxCands {
					if t = text.CleanSpace(t); parts[strings.ToLower(t)] {
						s.cands = append(s.cands, headCand{text: t, pos: n, rank: 6})
					}
				}
			case html.ElementNode:
				if headSkip[c.DataAtom] {
					continue
				}
				cand := inCand
				if !inCand && len(s.cands) < headMaxCands {
					rank := 0
					switch c.DataAtom {
					case atom.H1, atom.H2, atom.H3, atom.H4:
						rank = int(c.DataAtom.String()[1] - '0')
					default:
						// An element named a headline that holds blocks
						// is a header around the headline, kicker and
						// standfirst: its parts are the candidates.
						if (headClassOf(attrOf(c, "class")) || headClassOf(attrOf(c, "id")) || attrOf(c, "itemprop") == "headline") &&
							!hasBlock(c, 3) {
							rank = 5
						} else if headEmphasisLine(c) {
							rank = 7
						}
					}
					if rank > 0 {
						if t := metaHeadingText(c); headlineText(t) && (rank < 7 || headEmphasisText(t)) {
							s.cands = append(s.cands, headCand{text: t, pos: n + 1, rank: rank})
							cand = true
						}
					}
				}
				walk(c, cand)
			}
		}
	}
	walk(doc, false)
	return s
}

// headlineText reports whether a text may be a headline: a few words,
// not a whole paragraph.
func headlineText(t string) bool {
	n := utf8.RuneCountInString(t)
	return n >= 2 && n <= 300 && countAlnum(t) > 0
}

// articleStart returns the place, in the scanned page, of the first
// paragraph of the extracted article, or -1.
func (s headScan) articleStart(content *html.Node) int {
	start, tried := -1, 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			t := strings.TrimSpace(n.Data)
			if utf8.RuneCountInString(t) < headParaRunes {
				return false
			}
			if tried++; tried > headMaxTries {
				return true // give up: the start stays unknown
			}
			k := headKey(t)
			for _, p := range s.paras {
				if strings.HasPrefix(p.text, k[:min(len(k), 8)]) && headKey(p.text) == k {
					start = p.pos
					return true
				}
			}
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	if content != nil {
		walk(content)
	}
	return start
}

// headKey is the key of a paragraph in headScan.pos: its first 48 bytes
// with white space collapsed.
func headKey(t string) string {
	if len(t) > 96 {
		t = t[:96]
	}
	t = text.CleanSpace(t)
	if len(t) > 48 {
		t = t[:48]
	}
	return t
}

// headBlocks are the elements that make a headline element a container.
var headBlocks = map[atom.Atom]bool{
	atom.Div: true, atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Table: true, atom.Section: true, atom.Header: true, atom.Article: true,
	atom.Figure: true, atom.Dl: true, atom.Form: true, atom.Blockquote: true,
}

// hasBlock reports whether n holds a block element within depth levels.
func hasBlock(n *html.Node, depth int) bool {
	if depth == 0 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (headBlocks[c.DataAtom] || hasBlock(c, depth-1)) {
			return true
		}
	}
	return false
}

// headEmphasis are the elements that set a line in bold or large type.
var headEmphasis = map[atom.Atom]bool{atom.B: true, atom.Strong: true, atom.Font: true, atom.Big: true, atom.Span: true}

// headEmphasisLine reports whether n is a line of its own set in bold or
// large type (<b>, <strong>, <font size=4>, a bold or large <span>): the
// way pages without headings show their headline, on a line of its own
// in a paragraph, cell or block: between the block's edges or line
// breaks, with nothing but white space, images, icon links and comments
// beside it.
func headEmphasisLine(n *html.Node) bool {
	if !headEmphasis[n.DataAtom] || n.Parent == nil || hasBlock(n, 3) {
		return false
	}
	switch n.DataAtom {
	case atom.Font:
		if sz := strings.TrimSpace(attrOf(n, "size")); sz == "" || sz < "3" || strings.HasPrefix(sz, "-") || len(sz) > 2 {
			return false
		}
	case atom.Span:
		st := strings.ToLower(attrOf(n, "style"))
		if !strings.Contains(st, "bold") && !strings.Contains(st, "font-size") {
			return false
		}
	}
	switch n.Parent.DataAtom {
	case atom.P, atom.Div, atom.Td, atom.Th, atom.Center, atom.Font, atom.B, atom.Strong, atom.Span, atom.Big:
	default:
		return false
	}
	return headLineEnd(n, func(s *html.Node) *html.Node { return s.PrevSibling }) &&
		headLineEnd(n, func(s *html.Node) *html.Node { return s.NextSibling })
}

// headLineMaxSiblings bounds the siblings headLineEnd looks through.
const headLineMaxSiblings = 16

// headLineEnd reports whether, going one way from n among its siblings,
// the line ends before any other text: at the parent's edge or a line
// break, with only white space, images, icon links and comments between.
func headLineEnd(n *html.Node, step func(*html.Node) *html.Node) bool {
	seen := 0
	for sib := step(n); sib != nil; sib = step(sib) {
		if seen++; seen > headLineMaxSiblings {
			return false
		}
		switch {
		case sib.Type == html.CommentNode:
		case sib.Type == html.TextNode:
			if strings.TrimSpace(sib.Data) != "" {
				return false
			}
		case sib.Type == html.ElementNode && sib.DataAtom == atom.Br:
			return true
		case sib.Type == html.ElementNode && sib.DataAtom == atom.Img:
		case sib.Type == html.ElementNode && sib.DataAtom == atom.A && strings.TrimSpace(textOf(sib)) == "":
			// An icon link beside it (print, e-mail).
		default:
			return false
		}
	}
	return true
}

// headLeadWords is how many words of the article's opening leadText
// returns.
const headLeadWords = 80

// leadText returns the first words of an article's text (about
// headLeadWords, from its first paragraph-long text), to tell a headline
// that speaks of the article from a slogan, a name or a label.
func leadText(content *html.Node) string {
	var b strings.Builder
	words := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			if words == 0 && utf8.RuneCountInString(strings.TrimSpace(n.Data)) < headParaRunes {
				return false // the headline, byline or date above the text
			}
			words += len(strings.Fields(n.Data))
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return words >= headLeadWords
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	if content != nil {
		walk(content)
	}
	return b.String()
}

// headEmphasisText reports whether the text of a bold line may be a
// headline: a few words (a lead paragraph set in bold is not), not
// ending in a full stop.
func headEmphasisText(t string) bool {
	return len(strings.Fields(t)) <= headlineMaxWords && !strings.HasSuffix(strings.TrimRight(t, `"'”’»)`), ".")
}
