package html

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func metaFromPage(t *testing.T, page string) metaInfo {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return metaExtract(doc)
}

func TestMetaExtract(t *testing.T) {
	tests := []struct {
		name string
		page string
		want metaInfo
	}{
		{
			name: "JSON-LD graph with @id references beats OpenGraph",
			page: `<html lang="fr"><head><title>Autre titre | Le Journal</title>
<meta property="og:title" content="Titre pour les réseaux"><meta property="og:site_name" content="Le Journal OG">
<meta property="article:published_time" content="2020-01-01T00:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"Organization","@id":"#org","name":"Le Journal"},
 {"@type":"Person","@id":"#p1","name":"Claire Martin"},
 {"@type":"WebPage","@id":"https://journal.example/a","name":"Page"},
 {"@type":["NewsArticle"],"headline":"Le vrai titre","author":{"@id":"#p1"},"publisher":{"@id":"#org"},
  "datePublished":"2021-05-04","mainEntityOfPage":"https://journal.example/a"}]}</script></head>
<body><h1>Le vrai titre</h1></body></html>`,
			want: metaInfo{Title: "Le vrai titre", Byline: "Claire Martin", Outlet: "Le Journal",
				URL: "https://journal.example/a", Language: "fr", Published: time.Date(2021, 5, 4, 0, 0, 0, 0, time.UTC)},
		},
		{
			name: "OpenGraph and article tags, author URL skipped for meta author",
			page: `<html><head><title>Ignored</title><meta property="og:title" content="Storm season ends early">
<meta property="og:site_name" content="Weather Desk"><meta property="og:locale" content="en_GB">
<meta property="article:author" content="https://facebook.com/someone"><meta name="author" content="Sam Reed">
<meta property="article:published_time" content="2022-10-03T06:00:00+02:00">
<meta property="og:url" content="https://weather.example/storm"></head><body><h1>Storm season ends early</h1></body></html>`,
			want: metaInfo{Title: "Storm season ends early", Byline: "Sam Reed", Outlet: "Weather Desk",
				URL: "https://weather.example/storm", Language: "en-GB", Published: time.Date(2022, 10, 3, 4, 0, 0, 0, time.UTC)},
		},
		{
			name: "title suffix and visible byline, saved-from comment",
			page: `<!-- saved from url=(0031)https://news.example/story.html -->
<html><head><title>Council approves budget for new schools - Valley Times</title><meta name="date" content="March 3, 2021"></head>
<body><div class="article-byline">By Priya Natarajan | Updated March 4, 2021</div><p>Text.</p></body></html>`,
			want: metaInfo{Title: "Council approves budget for new schools", Byline: "Priya Natarajan", Outlet: "Valley Times",
				URL: "https://news.example/story.html", Published: time.Date(2021, 3, 3, 0, 0, 0, 0, time.UTC)},
		},
		{
			name: "truncated headline gives way to the full one",
			page: `<html><head><script type="application/ld+json">{"@type":"Article","headline":"A very long headline that the…"}</script>
<title>A very long headline that the CMS cut short for search engines | Site</title></head><body></body></html>`,
			want: metaInfo{Title: "A very long headline that the CMS cut short for search engines", Outlet: "Site"},
		},
		{
			name: "h1 that says nearly the same wins over a reworded og:title",
			page: `<html><head><meta property="og:title" content="Michael Bloomberg is having to answer questions about his past">
<title>x</title></head><body><h1>As his first debate nears, Bloomberg is having to answer about his past</h1></body></html>`,
			want: metaInfo{Title: "As his first debate nears, Bloomberg is having to answer about his past"},
		},
		{
			name: "h1 that is the site name is not the title",
			page: `<html><head><title>Rinderleber mit Apfel | Liebe geht durch den Magen</title></head>
<body><h1>Liebe geht durch den Magen</h1></body></html>`,
			want: metaInfo{Title: "Rinderleber mit Apfel", Outlet: "Liebe geht durch den Magen"},
		},
		{
			name: "kicker inside the h1 is not part of the headline",
			page: `<html><head><meta property="og:title" content="Daten von Rheinmetall gehackt - Interne Unterlagen im Netz">
<title>Interne Unterlagen im Netz: Daten von Rheinmetall gehackt | tagesschau.de</title></head>
<body><h1> <span class="dachzeile">Interne Unterlagen im Netz</span> <span class="headline">Daten von Rheinmetall gehackt</span> </h1></body></html>`,
			want: metaInfo{Title: "Daten von Rheinmetall gehackt"},
		},
		{
			name: "ruby annotations are not read",
			page: `<html><head></head><body><h1><ruby>子<rt>こ</rt></ruby>どもの<ruby>法律<rt>ほうりつ</rt></ruby>ができる</h1></body></html>`,
			want: metaInfo{Title: "子どもの法律ができる"},
		},
		{
			name: "comment authors are not the byline",
			page: `<html><head><title>Post</title></head><body><div id="comments"><span class="author">troll42</span></div></body></html>`,
			want: metaInfo{Title: "Post"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metaFromPage(t, tt.page)
			if !got.Published.Equal(tt.want.Published) {
				t.Errorf("Published = %v, want %v", got.Published, tt.want.Published)
			}
			got.Published, tt.want.Published = time.Time{}, time.Time{}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestMetaStripSiteName(t *testing.T) {
	tests := []struct {
		title string
		sites []string
		want  string
	}{
		{"Title | Outlet", []string{"Outlet"}, "Title"},
		{"Outlet - A headline - with a dash", []string{"Outlet"}, "A headline - with a dash"},
		{"Russia vows to boost military cooperation with Mali – DW – 02/08/2023", []string{"DW"}, "Russia vows to boost military cooperation with Mali – DW – 02/08/2023"},
		{"A fairly long headline about the budget | Section | Paper", nil, "A fairly long headline about the budget"},
		{"SW082 – 82 Gründe zum weiter hören", nil, "SW082 – 82 Gründe zum weiter hören"},
		{"Street One Blog | Heaven Blue", []string{"", "street-one.de"}, "Heaven Blue"},
		{"No separator here", []string{"Outlet"}, "No separator here"},
	}
	for _, tt := range tests {
		if got := metaStripSiteName(tt.title, tt.sites, nil); got != tt.want {
			t.Errorf("metaStripSiteName(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestMetaCleanByline(t *testing.T) {
	tests := map[string]string{
		"By Jane Doe":                        "Jane Doe",
		"BY  JOHN SMITH | Feb. 8, 2023":      "JOHN SMITH",
		"Veröffentlicht von Chris Jung":      "Chris Jung",
		"Autor: gnaddrig":                    "gnaddrig",
		"/ Cory Doctorow / 10:08 am Fri":     "Cory Doctorow / 10:08 am Fri",
		"Limespacer · 22. Oktober 2019":      "Limespacer",
		"Publiziert am":                      "",
		"By":                                 "",
		"https://twitter.com/someone":        "",
		"Isaac Mugabi (with Reuters and AP)": "Isaac Mugabi (with Reuters and AP)",
	}
	for in, want := range tests {
		if got := metaCleanByline(in); got != want {
			t.Errorf("metaCleanByline(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMetaBylineWithoutSite(t *testing.T) {
	sites := []string{"CNN", "edition.cnn.com"}
	tests := map[string]string{
		"Rob Picheta, CNN":    "Rob Picheta",
		"CNN":                 "",
		"edition.cnn.com":     "",
		"admin":               "",
		"Ana Ruiz (CNN)":      "Ana Ruiz",
		"Ana Ruiz, Tom Baker": "Ana Ruiz, Tom Baker",
	}
	for in, want := range tests {
		if got := metaBylineWithoutSite(in, sites); got != want {
			t.Errorf("metaBylineWithoutSite(%q) = %q, want %q", in, got, want)
		}
	}
	// A personal site named after its author keeps the author; a
	// publication's name is still no byline.
	for _, tt := range []struct{ byline, outlet, want string }{
		{"Wolfgang Schmale", "Wolfgang Schmale", "Wolfgang Schmale"},
		{"Matthew Davis", "Matthew Davis's Blog", "Matthew Davis"},
		{"BBC News", "BBC News", ""},
		{"Mac & i", "Mac & i", ""},
		{"El Colombiano", "ElColombiano.com", ""},
		{"IT Finanzmagazin", "IT Finanzmagazin", ""},
		{"Auto Illustrierte", "Auto Illustrierte", ""},
	} {
		if got := metaBylineWithoutSite(tt.byline, []string{tt.outlet, ""}); got != tt.want {
			t.Errorf("metaBylineWithoutSite(%q, site %q) = %q, want %q", tt.byline, tt.outlet, got, tt.want)
		}
	}
}

func TestMetaFromJSONLD_Forgiving(t *testing.T) {
	blocks := []string{
		"<!-- {\"@type\": \"BlogPosting\", \"headline\": \"Line\nbreak &amp; more\", \"author\": [\"A. One\", {\"name\": \"B. Two\"}]} -->",
		`{not json`,
	}
	ld := metaFromJSONLD(blocks)
	if ld.headline != "Line break & more" || strings.Join(ld.authors, ";") != "A. One;B. Two" {
		t.Errorf("got %+v", ld)
	}
}

func TestMetaBylineCandidates(t *testing.T) {
	tests := []struct {
		name  string
		texts []string
		want  []string
	}{
		{"container with a role", []string{"Ben Silverman Games Editor", "Ben Silverman", "Games Editor"}, []string{"Ben Silverman", "Ben Silverman", "Games Editor"}},
		{"container with two names", []string{"By Jane Doe and John Roe", "Jane Doe", "John Roe"}, []string{"Jane Doe and John Roe", "Jane Doe", "John Roe"}},
		{"container with a comma list", []string{"Jane Doe, John Roe", "Jane Doe"}, []string{"Jane Doe, John Roe", "Jane Doe"}},
		{"unrelated next", []string{"Jane Doe", "John Roe"}, []string{"Jane Doe", "John Roe"}},
		{"label only", []string{"By", "Jane Doe"}, []string{"", "Jane Doe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metaBylineCandidates(tt.texts)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMetaCleanOutlet(t *testing.T) {
	tests := []struct{ in, want string }{
		{"BBC News", "BBC News"},
		{"http://www.tmz.com", "tmz.com"},
		{"Yahoo News - Latest News & Headlines", "Yahoo News"},
		{"Le Monde.fr | Actualité", "Le Monde.fr"},
		{"  The   Guardian ", "The Guardian"},
		{"Very Long Name Of A Regional Daily Paper - Tagline", "Very Long Name Of A Regional Daily Paper - Tagline"},
	}
	for _, tt := range tests {
		if got := metaCleanOutlet(tt.in); got != tt.want {
			t.Errorf("metaCleanOutlet(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
