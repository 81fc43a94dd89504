package html

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// htmlTreeDepth returns the depth of the deepest element below <body>
// (body's children are at depth 1) and the number of elements.
func htmlTreeDepth(doc *html.Node) (depth, elements int) {
	var walk func(n *html.Node, d int)
	walk = func(n *html.Node, d int) {
		if n.Type == html.ElementNode {
			elements++
			depth = max(depth, d)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, d+1)
		}
	}
	walk(doc, -2) // document, html, body
	return depth, elements
}

// TestHTMLScan_estimates compares the model's depth with the depth of the
// tree the parser builds: pages with the usual unclosed tags (paragraphs,
// list items, cells, options, fonts) must not look deep, and deep pages
// must not look shallow.
func TestHTMLScan_estimates(t *testing.T) {
	pages := map[string]string{
		"unclosed p":          strings.Repeat("<p>para", 5000),
		"unclosed li":         "<ul>" + strings.Repeat("<li>item", 5000) + "</ul>",
		"unclosed dt dd":      "<dl>" + strings.Repeat("<dt>term<dd>definition", 3000) + "</dl>",
		"unclosed cells":      "<table>" + strings.Repeat("<tr><td>a<td>b<th>c", 3000) + "</table>",
		"unclosed options":    "<select>" + strings.Repeat("<option>o", 3000) + "</select>",
		"optgroups":           "<select>" + strings.Repeat("<optgroup label=g><option>o", 1000) + "</select>",
		"fonts in paragraphs": strings.Repeat("<p><font face=x>text</p>", 3000),
		"unclosed links":      strings.Repeat("<a href=x>link ", 3000),
		"headings":            strings.Repeat("<h2>a<h3>b", 2000),
		"nested tables":       strings.Repeat("<table><tr><td>", 12) + "x" + strings.Repeat("</td></tr></table>", 12),
		"table in table":      strings.Repeat("<table>", 3000),
		"divs":                strings.Repeat("<div>", 300) + "x" + strings.Repeat("</div>", 300),
		"div span":            strings.Repeat("<div><span>", 300),
		"span div misnested":  strings.Repeat("<span><div></span>", 300),
		"formatting":          strings.Repeat("<b><i>", 300),
		"self-closing divs":   strings.Repeat("<div/>", 300),
		"svg self-closing":    "<svg>" + strings.Repeat("<path/>", 3000) + "</svg>",
		"buttons":             strings.Repeat("<button>b", 1000),
		"svg title is markup": "<svg><title>" + strings.Repeat("<div>", 300),
		"svg empty title":     strings.Repeat("<p><svg><title/><path/></svg>", 300) + strings.Repeat("<div>", 100),
		"breakout":            "<svg><g><g>" + strings.Repeat("<p>x", 300),
		"math text":           "<math><mi>" + strings.Repeat("<span>", 200),
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages[filepath.Base(f)] = string(b)
	}
	pages["bench page"] = string(htmlBenchPage(t, 1))
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			sh, err := htmlScan(nil, page)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			depth, elements := htmlTreeDepth(doc)
			if sh.depth > depth+8 || sh.depth < depth/2 {
				t.Errorf("model depth %d, tree depth %d", sh.depth, depth)
			}
			if sh.elements > 2*elements+8 || sh.elements < elements/2 {
				t.Errorf("model elements %d, tree elements %d", sh.elements, elements)
			}
		})
	}
}

func TestHTMLFlatten(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<div>", 30) + "<p>a<b>b</b></p>c" + strings.Repeat("</div>", 30) + "<p>d</p></body></html>"
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	before := htmlText(doc)
	htmlFlatten(doc, 10)
	depth, _ := htmlTreeDepth(doc)
	if depth > 9 { // html and body are two of the ten levels
		t.Errorf("depth %d after flattening at 10", depth)
	}
	if after := htmlText(doc); after != before {
		t.Errorf("text %q became %q", before, after)
	}
}

func TestHTMLParse_limits(t *testing.T) {
	tests := []struct {
		name, page string
		ok         bool
	}{
		{"shallow", "<p>hello</p>", true},
		{"at the depth limit", strings.Repeat("<div>", htmlMaxDepth-1), true},
		{"past the depth limit", strings.Repeat("<div>", htmlMaxDepth+1), false},
		{"many elements", strings.Repeat("<i>x</i>", htmlMaxNodes+1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseTree(nil, "p.html", tt.page)
			if tt.ok != (err == nil) {
				t.Fatalf("err = %v", err)
			}
			if err != nil {
				if !strings.Contains(err.Error(), "p.html") {
					t.Errorf("error %q does not name the file", err)
				}
				return
			}
			if depth, _ := htmlTreeDepth(doc); depth > htmlFlattenDepth {
				t.Errorf("depth %d after parsing", depth)
			}
		})
	}
}
