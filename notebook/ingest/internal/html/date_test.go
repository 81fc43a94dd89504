package html

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// dateDoc parses a snippet of a page body.
func dateDoc(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><html><head><title>T</title></head>" + body + "</html>"))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestFindVisibleDate(t *testing.T) {
	const article = `<p>Die Regierung hat am Mittwoch ein neues Gesetz beschlossen, das viele Menschen betrifft und lange umstritten war.</p>`
	tests := []struct {
		name, url, body string
		want            string // "" for no date
	}{
		// Dates marked up as the publication date.
		{"time datetime in header", "",
			`<body><article><header><h1>Gesetz beschlossen</h1><time datetime="2023-02-08T10:15:00+01:00" itemprop="datePublished">8. Februar</time></header>` + article + `</article></body>`,
			"2023-02-08"},
		{"itemprop datePublished text", "",
			`<body><h1>Gesetz beschlossen</h1><span itemprop="datePublished">8. Februar 2023</span>` + article + `</body>`,
			"2023-02-08"},
		{"abbr published title", "",
			`<body><h1>Gesetz beschlossen</h1><p>by X on <abbr class="published" title="2023-02-08">Feb 8</abbr></p>` + article + `</body>`,
			"2023-02-08"},
		{"RDFa dateCreated", "",
			`<body><h1>Gesetz beschlossen</h1><span property="schema:dateCreated" content="2023-02-08T09:00:00+00:00"></span>` + article + `</body>`,
			"2023-02-08"},

		// Elements whose class names a date.
		{"German date line with weekday and time", "",
			`<body><h1>Gesetz beschlossen</h1><div class="article-meta">Mi 08.02.2023 | 10:15 Uhr</div>` + article + `</body>`,
			"2023-02-08"},
		{"abbreviated German month", "",
			`<body><h1>Gesetz beschlossen</h1><p class="dateline">vom 8. Feb. 2023</p>` + article + `</body>`,
			"2023-02-08"},
		{"byline with author and date", "",
			`<body><h1>Gesetz beschlossen</h1><p class="byline">Von Anna Muster, 8. Februar 2023</p>` + article + `</body>`,
			"2023-02-08"},
		{"date span inside the headline", "",
			`<body><h1><span class="date">08.02.2023</span> Gesetz beschlossen</h1>` + article + `</body>`,
			"2023-02-08"},
		{"headline date is not the publication date", "",
			`<body><div class="post-meta"><h1>Ergebnisse vom 4.2.2023</h1><span>8. Februar 2023</span></div>` + article + `</body>`,
			"2023-02-08"},
		{"nearest to the headline wins", "",
			`<body><div class="top"><span class="date">Heute ist der 20. Februar 2023</span></div>` + strings.Repeat(`<p>Menü Eintrag mit Text</p>`, 40) +
				`<h1>Gesetz beschlossen</h1><span class="date">08.02.2023</span>` + article + `</body>`,
			"2023-02-08"},
		{"page-wide menu class does not hide the article", "",
			`<body><div class="layout has-menu"><h1>Gesetz beschlossen</h1><span class="date">08.02.2023</span>` + article + `</div></body>`,
			"2023-02-08"},

		// Other languages.
		{"French", "", `<body><h1>Loi adoptée</h1><p class="meta">Publié le 8 février 2023</p>` + article + `</body>`, "2023-02-08"},
		{"French first of the month", "", `<body><h1>Loi adoptée</h1><p class="date">1er mars 2023</p>` + article + `</body>`, "2023-03-01"},
		{"Spanish", "", `<body><h1>Ley aprobada</h1><p class="fecha">8 de febrero de 2023</p>` + article + `</body>`, "2023-02-08"},
		{"Italian", "", `<body><h1>Legge</h1><p class="data-pubblicazione">8 febbraio 2023</p>` + article + `</body>`, "2023-02-08"},
		{"Dutch", "", `<body><h1>Wet</h1><p class="date">8 februari 2023</p>` + article + `</body>`, "2023-02-08"},
		{"Finnish", "", `<body><h1>Laki</h1><p class="date">8. helmikuuta 2023</p>` + article + `</body>`, "2023-02-08"},
		{"Polish", "", `<body><h1>Ustawa</h1><p class="date">8 lutego 2023</p>` + article + `</body>`, "2023-02-08"},
		{"English", "", `<body><h1>Law passed</h1><p class="posted-on">Posted on February 8th, 2023</p>` + article + `</body>`, "2023-02-08"},

		// Published wins over updated, in any order.
		{"Aktualisiert before Veröffentlicht", "",
			`<body><h1>Gesetz beschlossen</h1><p class="meta">Aktualisiert am 09.02.2023, veröffentlicht am 08.02.2023</p>` + article + `</body>`,
			"2023-02-08"},
		{"update element nearer the headline", "",
			`<body><h1>Gesetz beschlossen</h1><span class="date-modified">Aktualisiert: 09.02.2023</span><span class="date">08.02.2023</span>` + article + `</body>`,
			"2023-02-08"},
		{"modified class without a label", "",
			`<body><h1>Gesetz beschlossen</h1><span class="date-modified">09.02.2023</span><span class="date-published">08.02.2023</span>` + article + `</body>`,
			"2023-02-08"},
		{"dateModified markup loses to datePublished", "",
			`<body><h1>Gesetz beschlossen</h1><meta itemprop="dateModified" content="2023-02-09"><time itemprop="datePublished" datetime="2023-02-08">8.2.</time>` + article + `</body>`,
			"2023-02-08"},
		{"RDFa modified loses to created", "",
			`<body><h1>Gesetz beschlossen</h1><span property="dcterms:modified" content="2023-02-09"></span><span property="dcterms:created" content="2023-02-08"></span>` + article + `</body>`,
			"2023-02-08"},
		{"an update date alone is taken", "",
			`<body><h1>Gesetz beschlossen</h1><p class="info">Aktualisiert: 09.02.2023</p>` + article + `</body>`,
			"2023-02-09"},

		// The address.
		{"date in the URL", "https://example.org/2023/02/08/gesetz-beschlossen/",
			`<body><h1>Gesetz beschlossen</h1>` + article + `</body>`, "2023-02-08"},
		{"compact date in the URL", "https://example.org/news/20230208/gesetz.html",
			`<body><h1>Gesetz beschlossen</h1>` + article + `</body>`, "2023-02-08"},
		{"month-precise URL is not a date", "https://example.org/2023/02/gesetz-beschlossen/",
			`<body><h1>Gesetz beschlossen</h1>` + article + `</body>`, ""},
		{"visible date beats the URL", "https://example.org/2023/02/07/gesetz/",
			`<body><h1>Gesetz beschlossen</h1><span class="date">08.02.2023</span>` + article + `</body>`, "2023-02-08"},

		// Date lines without a telling class.
		{"date line under the headline", "",
			`<body><h1>Gesetz beschlossen</h1><p>8. Februar 2023, 10:15 Uhr</p>` + article + `</body>`, "2023-02-08"},
		{"labelled date in the text", "",
			`<body><h1>Gesetz beschlossen</h1>` + article + strings.Repeat(article, 10) + `<p>Veröffentlicht am 08.02.2023</p></body>`, "2023-02-08"},
		{"press release dateline", "",
			`<body><h1>Gesetz beschlossen</h1><p>Berlin, 8. Februar 2023 – Die Regierung hat am Mittwoch ein neues Gesetz beschlossen.</p></body>`, "2023-02-08"},
		{"label in the element before the date", "",
			`<body><h1>Gesetz beschlossen</h1><p><span>Stand:</span> 08.02.2023</p>` + article + `</body>`, "2023-02-08"},

		{"author element with a date", "",
			`<body><h1>Clan news</h1>` + article + `<div class="left author">Author: <a href="/u/58">Bo</a> am 29.12.2010, 13:36 Uhr</div></body>`, "2010-12-29"},
		{"date line far from the headline when nothing else", "",
			`<body><h1>Time to say goodbye</h1>` + strings.Repeat(article, 10) + `<p>Benni<br>10. September 2017</p></body>`, "2017-09-10"},
		{"last-modified line in the page footer as a last resort", "",
			`<body><h1>Stammtisch</h1>` + article + `<div id="footer" role="contentinfo"><ul><li id="footer-info-lastmod">Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.</li></ul></div></body>`, "2020-01-29"},
		{"published date beats a last-modified footer", "",
			`<body><h1>Stammtisch</h1><p class="date">08.02.2020</p>` + article + `<div id="footer" role="contentinfo"><ul><li id="footer-info-lastmod">Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.</li></ul></div></body>`, "2020-02-08"},

		// Dates that must not be taken.
		{"date in a sentence", "",
			`<body><h1>Gesetz beschlossen</h1><p>Das Gesetz tritt am 1. März 2023 in Kraft, wie die Regierung am Mittwoch mitteilte.</p></body>`, ""},
		{"date in a short sentence", "",
			`<body><h1>Gesetz beschlossen</h1><p>Am 1. März 2023 tritt das neue Gesetz in Kraft.</p>` + article + `</body>`, ""},
		{"comment dates", "",
			`<body><h1>Gesetz beschlossen</h1>` + article + `<div id="comments"><div class="comment"><span class="date">09.02.2023</span><p>Gut so!</p></div></div></body>`, ""},
		{"comment date after the article date", "",
			`<body><div id="comments"><span class="comment-date">10.02.2023</span></div><h1>Gesetz beschlossen</h1><span class="date">08.02.2023</span>` + article + `</body>`, "2023-02-08"},
		{"related articles", "",
			`<body><h1>Gesetz beschlossen</h1>` + article + `<section class="related-articles"><ul><li><a href="/a">Anderes Thema</a> <span class="date">01.02.2023</span></li></ul></section></body>`, ""},
		{"sidebar", "",
			`<body><h1>Gesetz beschlossen</h1>` + article + `<aside><p class="date">01.02.2023</p></aside></body>`, ""},
		{"copyright year", "",
			`<body><h1>Gesetz beschlossen</h1>` + article + `<p>© 2023 Beispiel Verlag</p></body>`, ""},
		{"copyright with a full date", "",
			`<body><h1>Gesetz beschlossen</h1>` + article + `<div class="meta">Copyright © 08.02.2023 Beispiel Verlag</div></body>`, ""},
		{"unlabelled date in the page footer", "",
			`<body><h1>Gesetz beschlossen</h1>` + article + `<footer><p class="date">20.02.2023</p></footer></body>`, ""},
		{"labelled date in the page footer", "",
			`<body><h1>Gesetz beschlossen</h1>` + article + `<div class="rez_footer"><p>Erschienen am: 08.02.2023</p></div></body>`, "2023-02-08"},
		{"birth date", "",
			`<body><h1>Anna Muster</h1><p class="info">Geboren am 8. Februar 1975</p>` + article + `</body>`, ""},
		{"ambiguous numeric date", "",
			`<body><h1>Law passed</h1><p class="date">08/02/2023</p>` + article + `</body>`, ""},
		{"date range", "",
			`<body><h1>Wochenbericht</h1><p class="date">31. Januar – 6. Februar 2023</p>` + article + `</body>`, ""},
		{"no date at all", "", `<body><h1>Gesetz beschlossen</h1>` + article + `</body>`, ""},
		{"script and style text", "",
			`<body><h1>Gesetz beschlossen</h1><script>var date = "08.02.2023";</script><style>.date{}</style>` + article + `</body>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := findVisibleDate(dateDoc(t, tt.body), tt.url)
			if tt.want == "" {
				if ok {
					t.Errorf("got %v, want no date", got)
				}
				return
			}
			if !ok || got.Format("2006-01-02") != tt.want {
				t.Errorf("got %v (%v), want %s", got, ok, tt.want)
			}
		})
	}
}

func TestVisibleDates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"8. Februar 2023", []string{"2023-02-08"}},
		{"Mi 08.02.2023 | 10:15 Uhr", []string{"2023-02-08"}},
		{"vom 8. Feb. 2023", []string{"2023-02-08"}},
		{"08.02.23", []string{"2023-02-08"}},
		{"8. 2. 2023", []string{"2023-02-08"}},
		{"2023-02-08T10:15", []string{"2023-02-08"}},
		{"2023.02.08", []string{"2023-02-08"}},
		{"2023年2月8日", []string{"2023-02-08"}},
		{"2023년 2월 8일", []string{"2023-02-08"}},
		{"February 8, 2023", []string{"2023-02-08"}},
		{"Feb 8th 2023", []string{"2023-02-08"}},
		{"08-Feb-2023", []string{"2023-02-08"}},
		{"8 de febrero de 2023", []string{"2023-02-08"}},
		{"8 février 2023", []string{"2023-02-08"}},
		{"8 MÄRZ 2023", []string{"2023-03-08"}},
		{"8. Jänner 2023", []string{"2023-01-08"}},
		{"8 października 2023", []string{"2023-10-08"}},
		{"02/28/2023", []string{"2023-02-28"}},
		{"28/02/2023", []string{"2023-02-28"}},
		{"08/02/2023", nil},    // day or month first?
		{"31.02.2023", nil},    // no such day
		{"08.02.1850", nil},    // implausible year
		{"Version 1.2.3", nil}, // not a date
		{"Februar 2023", nil},  // not day-precise
		{"2023", nil},
		{"31. Dezember 2022-06. Januar 2023", []string{"2022-12-31", "2023-01-06"}},
		{"Veröffentlicht 8.2.2023, aktualisiert 9.2.2023", []string{"2023-02-08", "2023-02-09"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range visibleDates(tt.in) {
			got = append(got, f.t.Format("2006-01-02"))
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("visibleDates(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestURLDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.org/2023/02/08/title/", "2023-02-08"},
		{"https://example.org/news/2023-02-08-title", "2023-02-08"},
		{"https://example.org/20230208/title.html", "2023-02-08"},
		{"https://example.org/2023/02/title/", ""},
		{"https://example.org/2023/13/08/title/", ""},
		{"https://web.archive.org/web/20140226054445/http://example.org/title/", ""},
		{"https://example.org/article/123456789/", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := urlDate(tt.in)
		s := ""
		if ok {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("urlDate(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

// TestHTMLVisibleDate_future checks that dates far in the future (an event
// calendar) are not taken.
func TestFindVisibleDate_future(t *testing.T) {
	future := time.Now().AddDate(3, 0, 0).Format("02.01.2006")
	doc := dateDoc(t, `<body><h1>Termine</h1><p class="date">`+future+`</p></body>`)
	if got, ok := findVisibleDate(doc, ""); ok {
		t.Errorf("got %v, want no date", got)
	}
}

// BenchmarkHTMLVisibleDate measures the date search on a typical ~200 KB
// news page (parsed once, outside the timing), against one bare walk of
// the same tree as the floor.
func BenchmarkHTMLVisibleDate(b *testing.B) {
	doc, err := html.Parse(strings.NewReader(Decode(benchPage(b, 1), "").Text))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("walk-only", func(b *testing.B) {
		for b.Loop() {
			countElements(doc, maxNodes)
		}
	})
	b.Run("visible-date", func(b *testing.B) {
		for b.Loop() {
			findVisibleDate(doc, "https://example.org/news/2023/02/08/story")
		}
	})
}

// FuzzVisibleDates checks that any text gives dates inside it, in order,
// or none, and never a panic.
func FuzzVisibleDates(f *testing.F) {
	for _, s := range []string{"8. Februar 2023", "Mi 08.02.2023 | 10:15 Uhr", "2023年2月8日", "February 8, 2023",
		"31. Dezember 2022-06. Januar 2023", "1er mars 2023", "08/02/2023", "12.1.", "ä.ö.2023"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, d := range visibleDates(s) {
			if d.start < prev || d.end <= d.start || d.end > len(s) {
				t.Fatalf("visibleDates(%q): bad span %d-%d after %d", s, d.start, d.end, prev)
			}
			prev = d.end
		}
		doc, err := html.Parse(strings.NewReader("<h1>" + s + "</h1><p class=date>" + s + "</p><p>" + s + "</p>"))
		if err == nil {
			findVisibleDate(doc, "https://example.org/"+s)
		}
	})
}
