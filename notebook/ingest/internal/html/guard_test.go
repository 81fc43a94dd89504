package html

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// treeDepth returns the depth of the deepest element below <body>
// (body's children are at depth 1) and the number of elements.
func treeDepth(doc *html.Node) (depth, elements int) {
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
func TestScan_estimates(t *testing.T) {
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
	pages["bench page"] = string(benchPage(t, 1))
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			sh, err := scan(nil, page)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			depth, elements := treeDepth(doc)
			if sh.depth > depth+8 || sh.depth < depth/2 {
				t.Errorf("model depth %d, tree depth %d", sh.depth, depth)
			}
			if sh.elements > 2*elements+8 || sh.elements < elements/2 {
				t.Errorf("model elements %d, tree elements %d", sh.elements, elements)
			}
		})
	}
}

func TestFlatten(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<div>", 30) + "<p>a<b>b</b></p>c" + strings.Repeat("</div>", 30) + "<p>d</p></body></html>"
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	before := textOf(doc)
	flatten(doc, 10)
	depth, _ := treeDepth(doc)
	if depth > 9 { // html and body are two of the ten levels
		t.Errorf("depth %d after flattening at 10", depth)
	}
	if after := textOf(doc); after != before {
		t.Errorf("text %q became %q", before, after)
	}
}

func TestParseTree_limits(t *testing.T) {
	tests := []struct {
		name, page string
		ok         bool
	}{
		{"shallow", "<p>hello</p>", true},
		{"at the depth limit", strings.Repeat("<div>", maxDepth-1), true},
		{"past the depth limit", strings.Repeat("<div>", maxDepth+1), false},
		{"many elements", strings.Repeat("<i>x</i>", maxNodes+1), false},
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
			if depth, _ := treeDepth(doc); depth > flattenDepth {
				t.Errorf("depth %d after parsing", depth)
			}
		})
	}
}

// TestScan_manyEndTags: end tags that match no open element must cost the
// model nothing however many active formatting elements wait (it once
// looked through all of them for each end tag).
func TestScan_manyEndTags(t *testing.T) {
	var b strings.Builder
	b.WriteString("<div>")
	for i := range 2000 {
		fmt.Fprintf(&b, "<b id=%d>", i)
	}
	b.WriteString("</div>")
	b.WriteString(strings.Repeat("</u>", 2_000_000))
	done := make(chan htmlShapeOrErr, 1)
	go func() {
		sh, err := scan(nil, b.String())
		done <- htmlShapeOrErr{sh, err}
	}()
	select {
	case r := <-done:
		if r.err != nil || r.sh.depth != 2001 {
			t.Errorf("scan = %+v, %v", r.sh, r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("scan did not return within 10 s")
	}
}

type htmlShapeOrErr struct {
	sh  pageShape
	err error
}

// TestScan_kept: the page that is parsed differs from the original only in
// the text of its scripts and styles; JSON-LD is kept.
func TestScan_kept(t *testing.T) {
	pages := map[string]string{
		"bench page": string(benchPage(t, 1)),
		"tricky": `<html><head><style>p{x:"</div>"}</style><script>if (a<b) document.write("<div>")</script>` +
			`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Kept"}</script></head>` +
			`<body><svg><style>svg style is markup <b>x</b></style></svg><select><style><b>in select</b></style></select>` +
			`<script/>after<p>text</p><SCRIPT>x</SCRIPT><style></style></body></html>`,
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		pages[filepath.Base(f)] = string(b)
	}
	render := func(page string) string { return renderNoScripts(t, page) }
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			sh, err := scan(nil, page)
			if err != nil {
				t.Fatal(err)
			}
			if len(sh.kept) > len(page) {
				t.Fatalf("kept page is longer than the page")
			}
			if got, want := render(sh.kept), render(page); got != want {
				t.Errorf("the kept page parses differently:\n got %.300s\nwant %.300s", got, want)
			}
		})
	}
	sh, _ := scan(nil, pages["tricky"])
	for _, want := range []string{`"headline":"Kept"`, "svg style is markup", "in select"} {
		if !strings.Contains(sh.kept, want) {
			t.Errorf("kept page lost %q: %s", want, sh.kept)
		}
	}
	// "<script/>" is no empty element in HTML: what follows is its text.
	for _, gone := range []string{"document.write", `"</div>"`, "after"} {
		if strings.Contains(sh.kept, gone) {
			t.Errorf("kept page still has %q", gone)
		}
	}
}

// renderNoScripts parses a page and renders it with the text of scripts
// and styles (but not of JSON-LD) removed.
func renderNoScripts(t testing.TB, page string) string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Namespace == "" && (n.Data == "script" || n.Data == "style") &&
			!strings.Contains(strings.ToLower(attrOf(n, "type")), "ld+json") {
			for c := n.FirstChild; c != nil; {
				next := c.NextSibling
				n.RemoveChild(c)
				c = next
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	var b strings.Builder
	if err := html.Render(&b, doc); err != nil {
		return "render error: " + err.Error()
	}
	return b.String()
}

// FuzzScan checks, on any page, that the page scan keeps for parsing
// parses to the same tree as the page, but for the text of scripts and
// styles, and that the scan returns.
func FuzzScan(f *testing.F) {
	f.Add("<script>a<!--<script></script>-->b</script><p>x")
	f.Add("<style>a</stylex></style/><p>y</p><script>x</SCRIPT\t>z")
	f.Add("<svg><style><b>c</b></style></svg><select><style></select><div>d</style>")
	f.Add("<math><mi><script>e</script></mi></math><table><script>f</script><tr><td>g")
	f.Fuzz(func(t *testing.T, page string) {
		sh, err := scan(nil, page)
		if err != nil {
			t.Fatal(err)
		}
		if sh.depth > maxDepth || sh.elements > maxNodes || sh.work > maxWork {
			return // refused: never parsed
		}
		if got, want := renderNoScripts(t, sh.kept), renderNoScripts(t, page); got != want {
			t.Errorf("kept page parses differently:\n got %q\nwant %q", got, want)
		}
	})
}
