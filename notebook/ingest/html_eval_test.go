//go:build extractoreval

package ingest

// The extractor evaluation behind EXTRACTORS.md. It is not part of the
// ordinary test run: it needs the go-trafilatura module's test pages (about
// 950 real saved pages with human-chosen snippets that must and must not
// appear in the extracted text, and the true title, authors and date), which
// `go mod download` puts in the module cache. Run it with
//
//	go test -tags extractoreval -run TestExtractorEval -v ./notebook/ingest
//
// It prints precision, recall and F1 over the snippets, metadata accuracy
// and pages per second for each extractor through the same Gloss pipeline.

import (
	"errors"
	"fmt"
	"go/ast"
	goparser "go/parser"
	"go/token"
	nurl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// evalEntry is one page of the corpus with its expected results.
type evalEntry struct {
	url, file, title, date string
	authors, with, without []string
}

// evalLoad reads the corpus description (a Go map literal in the module's
// comparison script) with go/parser.
func evalLoad(t *testing.T) (dir string, entries []evalEntry) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/markusmobius/go-trafilatura").Output()
	if err != nil {
		t.Fatalf("locate go-trafilatura: %v", err)
	}
	dir = strings.TrimSpace(string(out))
	f, err := goparser.ParseFile(token.NewFileSet(), filepath.Join(dir, "scripts/comparison/data.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	str := func(e ast.Expr) string {
		if bl, ok := e.(*ast.BasicLit); ok && bl.Kind == token.STRING {
			s, _ := strconv.Unquote(bl.Value)
			return s
		}
		return ""
	}
	strs := func(e ast.Expr) []string {
		var out []string
		if cl, ok := e.(*ast.CompositeLit); ok {
			for _, el := range cl.Elts {
				out = append(out, str(el))
			}
		}
		return out
	}
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		cl, ok := kv.Value.(*ast.CompositeLit)
		url := str(kv.Key)
		if !ok || url == "" {
			return true
		}
		e := evalEntry{url: url}
		for _, el := range cl.Elts {
			fkv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			switch fkv.Key.(*ast.Ident).Name {
			case "File":
				e.file = str(fkv.Value)
			case "Title":
				e.title = str(fkv.Value)
			case "Date":
				e.date = str(fkv.Value)
			case "Authors":
				e.authors = strs(fkv.Value)
			case "With":
				e.with = strs(fkv.Value)
			case "Without":
				e.without = strs(fkv.Value)
			}
		}
		if e.file != "" {
			entries = append(entries, e)
		}
		return false
	})
	return dir, entries
}

// evalReadability extracts the main content with go-readability, for the
// comparison.
func evalReadability(doc *html.Node, pageURL *nurl.URL) (htmlExtraction, error) {
	a, err := readability.FromDocument(doc, pageURL)
	if err != nil {
		return htmlExtraction{}, err
	}
	if a.Node == nil {
		return htmlExtraction{}, errors.New("no content")
	}
	d, _ := a.PublishedTime()
	return htmlExtraction{content: a.Node, title: a.Title(), author: a.Byline(),
		site: a.SiteName(), language: a.Language(), date: d}, nil
}

func TestExtractorEval(t *testing.T) {
	dir, entries := evalLoad(t)
	pages := make([][]byte, len(entries))
	var total int64
	for i, e := range entries {
		for _, sub := range []string{"comparison", "mock"} {
			if b, err := os.ReadFile(filepath.Join(dir, "test-files", sub, e.file)); err == nil {
				pages[i] = b
				total += int64(len(b))
				break
			}
		}
	}
	t.Logf("%d pages, %.1f MB", len(entries), float64(total)/(1<<20))

	noFallback := htmlTrafilaturaWith(func(o *trafilatura.Options) { o.EnableFallback = false })
	recall := htmlTrafilaturaWith(func(o *trafilatura.Options) { o.Focus = trafilatura.FavorRecall })
	runs := []struct {
		name string
		ex   func(*html.Node, *nurl.URL) (htmlExtraction, error)
	}{
		{"go-trafilatura v1.12.2 alone", noFallback},
		{"go-trafilatura + fallback (Gloss)", htmlTrafilatura},
		{"go-trafilatura + fallback, recall", recall},
		{"go-readability/v2 v2.1.3", evalReadability},
	}
	verbose := os.Getenv("EVAL_VERBOSE") != ""
	only := os.Getenv("EVAL_ONLY")
	for _, run := range runs {
		if only != "" && !strings.Contains(run.name, only) {
			continue
		}
		htmlExtractor = run.ex
		var tp, fn, fp, tn, titleOK, titleN, authOK, authN, dateOK, dateN, fails int64
		var newsTitleOK, newsTitleN, newsAuthOK, newsAuthN, newsDateOK, newsDateN int64
		var mu sync.Mutex
		var next atomic.Int64
		start, cpu0 := time.Now(), htmlCPUTime()
		var wg sync.WaitGroup
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= len(entries) {
						return
					}
					e := entries[i]
					if pages[i] == nil {
						continue
					}
					d, err := parseHTML(e.file, pages[i])
					text := metaCleanSpace(d.Text)
					mu.Lock()
					if err != nil {
						fails++
					}
					for _, s := range e.with {
						if strings.Contains(text, metaCleanSpace(s)) {
							tp++
						} else {
							fn++
						}
					}
					for _, s := range e.without {
						if strings.Contains(text, metaCleanSpace(s)) {
							fp++
						} else {
							tn++
						}
					}
					news := evalNewsHosts.MatchString(e.url)
					if e.title != "" {
						titleN++
						if news {
							newsTitleN++
						}
						if metaCleanSpace(d.Title) == metaCleanSpace(e.title) {
							titleOK++
							if news {
								newsTitleOK++
							}
						} else if verbose {
							fmt.Printf("TITLE %s\n  want %q\n  got  %q\n%s", e.file, e.title, d.Title, evalTitleSources(pages[i]))
						}
					}
					if len(e.authors) > 0 {
						authN++
						if news {
							newsAuthN++
						}
						if evalSameAuthors(d.Byline, e.authors) {
							authOK++
							if news {
								newsAuthOK++
							}
						} else if verbose {
							fmt.Printf("AUTHOR %s\n  want %q\n  got  %q\n", e.file, e.authors, d.Byline)
						}
					}
					if e.date != "" {
						dateN++
						if news {
							newsDateN++
						}
						if !d.Published.IsZero() && d.Published.Format("2006-01-02") == e.date {
							dateOK++
							if news {
								newsDateOK++
							}
						} else if verbose {
							fmt.Printf("DATE %s want %s got %v\n", e.file, e.date, d.Published)
						}
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		el := time.Since(start)
		cpuMS := float64((htmlCPUTime() - cpu0).Milliseconds()) / float64(len(entries))
		p := float64(tp) / float64(tp+fp)
		r := float64(tp) / float64(tp+fn)
		t.Logf("%-36s P %.3f R %.3f F1 %.3f | title %.1f%% (%d) author %.1f%% (%d) date %.1f%% (%d) | refused %d | %.1f s, %.0f pages/s (%d workers), %.1f CPU ms/page",
			run.name, p, r, 2*p*r/(p+r),
			100*float64(titleOK)/float64(titleN), titleN, 100*float64(authOK)/float64(authN), authN,
			100*float64(dateOK)/float64(dateN), dateN, fails, el.Seconds(), float64(len(entries))/el.Seconds(), runtime.GOMAXPROCS(0), cpuMS)
		t.Logf("%-36s news pages only: title %.1f%% (%d) author %.1f%% (%d) date %.1f%% (%d)", "",
			100*float64(newsTitleOK)/float64(newsTitleN), newsTitleN, 100*float64(newsAuthOK)/float64(newsAuthN), newsAuthN,
			100*float64(newsDateOK)/float64(newsDateN), newsDateN)
	}
	htmlExtractor = htmlTrafilatura
}

// evalNewsHosts are the news outlets among the corpus's pages, for the
// metadata accuracy on news pages alone.
var evalNewsHosts = regexp.MustCompile(`(?i)(zeit\.de|faz\.net|spiegel\.de|sueddeutsche\.de|dw\.com|handelsblatt\.com|ndr\.de|zdf\.de|wdr\.de|tagesschau\.de|welt\.de|taz\.de|stern\.de|latimes\.com|nytimes\.com|theguardian\.com|bbc\.co|cnn\.com|reuters\.com|washingtonpost\.com|wired\.com|yle\.fi|nhk\.or\.jp|kbs\.co\.kr|xinhuanet\.com|lemonde\.fr|bloomberg\.com|forbes\.com|phys\.org|spektrum\.de|heise\.de|golem\.de|t-online\.de|n-tv\.de|focus\.de|derstandard\.at|nzz\.ch|orf\.at|independent\.co\.uk|telegraph\.co\.uk|theatlantic\.com|npr\.org|apnews\.com|aljazeera|france24|euronews|huffpost|vox\.com|politico|businessinsider|techcrunch|theverge|engadget|arstechnica|deutschlandfunk\.de|tagesspiegel\.de|berliner-zeitung|fr\.de|merkur\.de|abendblatt\.de|swr\.de|br\.de|mdr\.de|rbb24\.de|uusisuomi\.fi|bondyblog\.fr|refinery29\.com|zdnet|chip\.de|wsvn\.com|wpolityce\.pl|wirtualnemedia\.pl|ok-magazin\.de)`)

// evalSameAuthors compares a byline with the expected author names,
// ignoring order, case and separators.
func evalSameAuthors(byline string, want []string) bool {
	norm := func(s string) string { return strings.ToLower(metaCleanSpace(s)) }
	got := map[string]bool{}
	for _, part := range strings.FieldsFunc(byline, func(r rune) bool { return r == ',' || r == ';' }) {
		for _, p := range regexp.MustCompile(` (?:and|und|&) `).Split(part, -1) {
			if p = norm(p); p != "" {
				got[p] = true
			}
		}
	}
	var wantNames []string
	for _, w := range want {
		wantNames = append(wantNames, regexp.MustCompile(` (?:and|und|&) `).Split(w, -1)...)
	}
	if len(got) != len(wantNames) {
		return false
	}
	for _, w := range wantNames {
		if !got[norm(w)] {
			return false
		}
	}
	return true
}

// evalTitleSources describes where a page's title candidates come from, for
// the verbose output.
func evalTitleSources(page []byte) string {
	doc, err := html.Parse(strings.NewReader(htmlDecode(page, "").text))
	if err != nil {
		return ""
	}
	p := metaCollect(doc)
	ld := metaFromJSONLD(p.jsonLD)
	return fmt.Sprintf("    ld=%q og=%q tw=%q\n    title=%q\n    h1=%q\n", ld.headline, p.metas["og:title"], p.metas["twitter:title"], p.title, p.h1)
}
