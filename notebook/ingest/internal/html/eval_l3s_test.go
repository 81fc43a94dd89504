//go:build extractoreval

package html

// The evaluation on L3S-GN1 (EXTRACTORS.md): 621 news pages whose article
// text and headline were marked by hand. The corpus lives outside the
// repository, in ../shared/corpus/l3s-gn1 beside the working copy (or in
// $GLOSS_L3S); nothing of it is copied here, and the test is skipped with
// a message when it is absent. Run it with
//
//	go test -tags extractoreval -run TestExtractorEvalL3S -v ./notebook/ingest/internal/html
//
// EVAL_VERBOSE=1 prints every page below 0.9 F1 and every headline miss;
// EVAL_PAGE=ID prints one page's text beside the gold text.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// l3sPage is one page of the corpus with its gold text.
type l3sPage struct {
	id       string
	source   []byte
	headline string // the marked headline region (may hold several lines)
	body     string
}

// l3sDir finds the corpus: $GLOSS_L3S, or shared/corpus/l3s-gn1 beside the
// repository's root.
func l3sDir() string {
	if d := os.Getenv("GLOSS_L3S"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared", "corpus", "l3s-gn1")
		}
	}
	return ""
}

// l3sLoad reads the corpus, or skips the test when it is absent.
func l3sLoad(t *testing.T) []l3sPage {
	dir := l3sDir()
	ents, err := os.ReadDir(filepath.Join(dir, "html"))
	if err != nil {
		t.Skipf("the L3S-GN1 corpus is not at %s (set GLOSS_L3S): %v", dir, err)
	}
	var pages []l3sPage
	for _, e := range ents {
		id, ok := strings.CutSuffix(e.Name(), ".html")
		if !ok {
			continue
		}
		p := l3sPage{id: id}
		if p.source, err = os.ReadFile(filepath.Join(dir, "html", e.Name())); err != nil {
			t.Fatal(err)
		}
		g, err := os.ReadFile(filepath.Join(dir, "gold", id+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var gold struct{ Headline, Body string }
		if err := json.Unmarshal(g, &gold); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		p.headline, p.body = gold.Headline, gold.Body
		pages = append(pages, p)
	}
	return pages
}

// shingleCounts are the 4-token shingles of a text with their counts.
type shingleCounts map[[4]string]int

// shingles splits s into word tokens (runs of letters, digits and "_", as
// \w+ in Unicode mode) and counts every run of four consecutive tokens.
func shingles(s string) shingleCounts {
	toks := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && !unicode.Is(unicode.Mn, r)
	})
	out := shingleCounts{}
	for i := 0; i+4 <= len(toks); i++ {
		out[[4]string{toks[i], toks[i+1], toks[i+2], toks[i+3]}]++
	}
	return out
}

// shingleScore is one page's share of true positives, false positives and
// false negatives (each over their sum, so every page weighs the same), as
// the public extraction benchmarks count them.
func shingleScore(got, want string) (tp, fp, fn float64) {
	common, ng, nw := bagOverlap(shingles(got), shingles(want))
	all := float64(ng + nw - common)
	if all == 0 {
		return 0, 0, 0
	}
	return float64(common) / all, float64(ng-common) / all, float64(nw-common) / all
}

// l3sHeadlineOK reports whether a title is the marked headline: equal to
// one line of the marked region (annotators sometimes took a kicker, a
// section name or the standfirst with it), ignoring white space and the
// form of quotes and dashes. The gold text lost every character outside
// Latin-1 to "?", so a "?" there matches any one character.
func l3sHeadlineOK(title, gold string) bool {
	t := []rune(l3sFold(title))
	for _, line := range strings.Split(gold, "\n") {
		g := []rune(l3sFold(line))
		if len(g) == 0 || len(g) != len(t) {
			continue
		}
		ok := true
		for i := range g {
			if g[i] != t[i] && g[i] != '?' {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// l3sFold normalises white space, quotes and dashes for l3sHeadlineOK.
func l3sFold(s string) string {
	return strings.NewReplacer("‘", "'", "’", "'", "`", "'", "“", `"`, "”", `"`, "–", "-", "—", "-").Replace(text.CleanSpace(s))
}

// l3sResult is what one extractor made of one page.
type l3sResult struct {
	refused        bool
	why            string // why it was refused
	fallback       bool   // Gloss imported the whole page's text
	second         bool   // Gloss found the text by its second method
	all, noCaption string
	title          string
}

// l3sExtractor is one extractor of the comparison.
type l3sExtractor struct {
	name string
	run  func(p l3sPage) l3sResult
}

// l3sGloss runs the whole Gloss import pipeline.
func l3sGloss(p l3sPage) l3sResult {
	d, err := Parse(nil, p.id+".html", p.source)
	if err != nil {
		return l3sResult{refused: true, why: err.Error()}
	}
	r := l3sResult{all: d.Text, title: d.Title}
	paras := strings.Split(d.Text, "\n\n")
	var kept []string
	for i, para := range paras {
		if i < len(d.Kinds) && d.Kinds[i] == draft.Caption {
			continue
		}
		kept = append(kept, para)
	}
	r.noCaption = strings.Join(kept, "\n\n")
	for _, w := range d.Warnings {
		switch w {
		case warnWholePage:
			r.fallback = true
		case warnSecondMethod:
			r.second = true
		}
	}
	return r
}

// l3sReadability runs go-readability alone on the page (decoded to UTF-8
// by the same charset reading as Gloss, which a user of the library would
// have to supply too) and takes its text and title.
func l3sReadability(p l3sPage) (r l3sResult) {
	defer func() {
		if recover() != nil {
			r = l3sResult{refused: true}
		}
	}()
	a, err := readability.FromReader(strings.NewReader(Decode(p.source, "").Text), nil)
	if err != nil || a.Node == nil {
		return l3sResult{refused: true}
	}
	var b bytes.Buffer
	if err := a.RenderText(&b); err != nil {
		return l3sResult{refused: true}
	}
	return l3sResult{all: b.String(), noCaption: b.String(), title: a.Title()}
}

// l3sTrafilatura runs go-trafilatura alone (with its fallback extractors,
// comments excluded) on the decoded page.
func l3sTrafilatura(p l3sPage) (r l3sResult) {
	defer func() {
		if recover() != nil {
			r = l3sResult{refused: true}
		}
	}()
	doc, err := html.Parse(strings.NewReader(Decode(p.source, "").Text))
	if err != nil {
		return l3sResult{refused: true}
	}
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{ExcludeComments: true, EnableFallback: true, HtmlDateMode: trafilatura.Fast})
	if err != nil || res == nil {
		return l3sResult{refused: true}
	}
	return l3sResult{all: res.ContentText, noCaption: res.ContentText, title: res.Metadata.Title}
}

func TestExtractorEvalL3S(t *testing.T) {
	pages := l3sLoad(t)
	t.Logf("%d pages from %s", len(pages), l3sDir())
	verbose := os.Getenv("EVAL_VERBOSE") != ""
	only := os.Getenv("EVAL_ONLY")
	for _, ex := range []l3sExtractor{
		{"Gloss", l3sGloss},
		{"go-readability/v2 v2.1.3 alone", l3sReadability},
		{"go-trafilatura v1.12.2 + fallback", l3sTrafilatura},
	} {
		if only != "" && !strings.Contains(ex.name, only) {
			continue
		}
		results := make([]l3sResult, len(pages))
		var next atomic.Int64
		var wg sync.WaitGroup
		start, cpu0 := time.Now(), cpuTime()
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1) - 1); i < len(pages); i = int(next.Add(1) - 1) {
					results[i] = ex.run(pages[i])
				}
			}()
		}
		wg.Wait()
		el, cpuMS := time.Since(start), float64((cpuTime()-cpu0).Milliseconds())/float64(len(pages))
		var tp, fp, fn, tpC, fpC, fnC float64
		var refused, fallback, second, headN, headOK int
		type low struct {
			id string
			f  float64
		}
		var lows []low
		for i, p := range pages {
			r := results[i]
			if r.refused {
				refused++
				if verbose {
					fmt.Printf("REFUSED %s: %s\n", p.id, r.why)
				}
			}
			if r.fallback {
				fallback++
			}
			if r.second {
				second++
			}
			if verbose && (r.fallback || r.second) {
				a, b, c := shingleScore(r.noCaption, p.body)
				fmt.Printf("FALLBACK %s whole page %v: F1 %.3f\n", p.id, r.fallback, 2*a/(2*a+b+c))
			}
			a, b, c := shingleScore(r.all, p.body)
			tp, fp, fn = tp+a, fp+b, fn+c
			a2, b2, c2 := shingleScore(r.noCaption, p.body)
			tpC, fpC, fnC = tpC+a2, fpC+b2, fnC+c2
			if f := 2 * a2 / (2*a2 + b2 + c2); a2+b2+c2 > 0 && f < 0.9 {
				lows = append(lows, low{p.id, f})
			}
			if strings.TrimSpace(p.headline) != "" {
				headN++
				if l3sHeadlineOK(r.title, p.headline) {
					headOK++
				} else if verbose {
					fmt.Printf("HEADLINE %s\n  want %q\n  got  %q\n", p.id, p.headline, r.title)
					if os.Getenv("EVAL_TITLES") != "" {
						fmt.Print(evalTitleSources(p.source))
					}
				}
			}
			if os.Getenv("EVAL_DIFF") != "" {
				l3sDiff(p, r)
			}
			if id := os.Getenv("EVAL_PAGE"); id == p.id {
				fmt.Printf("=== %s %s\n--- got (%q)\n%s\n--- gold (%q)\n%s\n", ex.name, p.id, r.title, r.all, p.headline, p.body)
			}
		}
		if verbose {
			sort.Slice(lows, func(i, j int) bool { return lows[i].f < lows[j].f })
			for _, l := range lows {
				fmt.Printf("LOW %s %.3f\n", l.id, l.f)
			}
		}
		prf := func(tp, fp, fn float64) string {
			p, r := tp/(tp+fp), tp/(tp+fn)
			return fmt.Sprintf("P %.3f R %.3f F1 %.3f", p, r, 2*p*r/(p+r))
		}
		t.Logf("%-34s all text: %s | captions excluded: %s | headline %d/%d (%.1f%%) | refused %d, second method %d, whole page %d | pages < 0.9 F1: %d | %.1f s, %.1f CPU ms/page",
			ex.name, prf(tp, fp, fn), prf(tpC, fpC, fnC), headOK, headN, 100*float64(headOK)/float64(headN), refused, second, fallback, len(lows), el.Seconds(), cpuMS)
	}
}

// l3sDiff prints the paragraphs of an extraction that share no shingle
// with the gold text (furniture that got in: "+") and the gold lines that
// share none with the extraction (text that was lost: "-"), each with its
// weight in the page's score (its shingles over the page's TP+FP+FN),
// for EVAL_DIFF.
func l3sDiff(p l3sPage, r l3sResult) {
	gold, got := shingles(p.body), shingles(r.noCaption)
	all := l3sAll(got, gold)
	var out []string
	for _, para := range strings.Split(r.noCaption, "\n\n") {
		if n, ok := l3sShares(para, gold); !ok {
			out = append(out, fmt.Sprintf("  + %.4f %s", float64(n)/all, strings.ReplaceAll(para, "\n", " / ")))
		}
	}
	for _, line := range strings.Split(p.body, "\n") {
		if n, ok := l3sShares(line, got); !ok {
			out = append(out, fmt.Sprintf("  - %.4f %s", float64(n)/all, line))
		}
	}
	if len(out) > 0 {
		fmt.Printf("DIFF %s\n%s\n", p.id, strings.Join(out, "\n"))
	}
}

// l3sAll is TP+FP+FN of a page, in shingles.
func l3sAll(got, gold shingleCounts) float64 {
	common, ng, nw := bagOverlap(got, gold)
	return float64(max(ng+nw-common, 1))
}

// l3sShares reports whether a paragraph shares a shingle with a text, or
// is too short to have one and occurs in it, and how many shingles it has.
func l3sShares(para string, text shingleCounts) (int, bool) {
	sh := shingles(para)
	n := 0
	shared := false
	for k, c := range sh {
		n += c
		if text[k] > 0 {
			shared = true
		}
	}
	return n, shared || n == 0
}
