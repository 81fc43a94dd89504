package html

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// benchPage builds a typical saved news page of about 200 KB from the
// news fixture: the article is a few KB, the rest is what real pages carry
// around it (inline scripts and styles, a mega menu, teaser lists, a
// footer link farm, JSON-LD). n varies the text so pages are distinct.
func benchPage(tb testing.TB, n int) []byte {
	tb.Helper()
	page := string(fixture(tb, "news-jsonld.html"))
	var head, menu, teasers, footer strings.Builder
	head.WriteString("<script>")
	for i := 0; head.Len() < 90_000; i++ {
		fmt.Fprintf(&head, "window.__cfg%d={id:%d,slot:'ad-%d',sizes:[[300,250],[728,90]],targeting:{section:'africa',page:%d}};\n", i, i, i, n)
	}
	head.WriteString("</script><style>")
	for i := 0; head.Len() < 125_000; i++ {
		fmt.Fprintf(&head, ".c%d{margin:%dpx;padding:0 %dpx;color:#%06x}\n", i, i%17, i%9, i*2654435761%0xffffff)
	}
	head.WriteString("</style>")
	menu.WriteString(`<nav class="mega-menu"><ul>`)
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&menu, `<li class="menu-item"><a href="/section/%d">Section %d</a></li>`, i, i)
	}
	menu.WriteString("</ul></nav>")
	teasers.WriteString(`<section class="more-stories"><h2>More stories</h2>`)
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&teasers, `<div class="teaser"><a href="/story/%d"><img src="/t/%d.jpg" alt=""><h3>Story number %d about regional politics</h3></a><p class="teaser-text">A short summary of story %d that links to the full article elsewhere on the site.</p></div>`, i, i, i, i)
	}
	teasers.WriteString("</section>")
	footer.WriteString(`<div class="footer-links">`)
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&footer, `<a href="/f/%d">Footer link %d</a> `, i, i)
	}
	footer.WriteString("</div>")
	page = strings.Replace(page, "</head>", head.String()+"</head>", 1)
	page = strings.Replace(page, "<main", menu.String()+"<main", 1)
	page = strings.Replace(page, "</main>", teasers.String()+"</main>", 1)
	page = strings.Replace(page, "</body>", footer.String()+"</body>", 1)
	page = strings.Replace(page, "2.4 billion", fmt.Sprintf("%d.4 billion", n), 1)
	return []byte(page)
}

// BenchmarkParseHTML measures whole-page import throughput on both cores
// (b.RunParallel) for a typical ~200 KB news page, with two reference
// points in the same run: parsing the HTML alone (the floor any importer
// pays) and go-readability, the other extractor considered.
func BenchmarkParseHTML(b *testing.B) {
	page := benchPage(b, 1)
	b.Logf("page size %d KB, %d cores", len(page)>>10, runtime.GOMAXPROCS(0))
	run := func(name string, fn func() error) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			cpu0 := cpuTime()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := fn(); err != nil {
						b.Error(err)
						return
					}
				}
			})
			// Wall-clock pages/s depends on what else the machine runs;
			// the process's CPU time per page does not, and gives the rate
			// two idle cores would reach.
			cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(cpu*1000, "cpu-ms/page")
			b.ReportMetric(float64(runtime.GOMAXPROCS(0))/cpu, "idle-pages/s")
		})
	}
	run("gloss", func() error {
		_, err := Parse(nil, "bench.html", page)
		return err
	})
	run("baseline-html.Parse", func() error {
		_, err := html.Parse(bytes.NewReader(page))
		return err
	})
	run("readability", func() error {
		_, err := readability.FromReader(bytes.NewReader(page), nil)
		return err
	})
}

// BenchmarkParseHTML_Folder imports 2,000 distinct ~200 KB pages with two
// workers, as a folder import would, and reports the peak heap in use,
// over the run and in its first and last quarter: memory must stay flat
// however many pages go through.
func BenchmarkParseHTML_Folder(b *testing.B) {
	const pages = 2000
	base := benchPage(b, 0)
	for b.Loop() {
		var next atomic.Int64
		var peak, first, last atomic.Uint64
		raise := func(p *atomic.Uint64, v uint64) {
			for old := p.Load(); v > old && !p.CompareAndSwap(old, v); old = p.Load() {
			}
		}
		var wg sync.WaitGroup
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var ms runtime.MemStats
				for {
					i := next.Add(1)
					if i > pages {
						return
					}
					page := bytes.Replace(base, []byte("0.4 billion"), fmt.Appendf(nil, "%d.4 billion", i), 1)
					if _, err := Parse(nil, "p.html", page); err != nil {
						b.Error(err)
						return
					}
					if i%50 == 0 {
						runtime.ReadMemStats(&ms)
						raise(&peak, ms.HeapInuse)
						switch {
						case i <= pages/4:
							raise(&first, ms.HeapInuse)
						case i > pages*3/4:
							raise(&last, ms.HeapInuse)
						}
					}
				}
			}()
		}
		wg.Wait()
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(first.Load())/(1<<20), "first-quarter-peak-MB")
		b.ReportMetric(float64(last.Load())/(1<<20), "last-quarter-peak-MB")
		b.ReportMetric(pages/b.Elapsed().Seconds(), "pages/s")
	}
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
