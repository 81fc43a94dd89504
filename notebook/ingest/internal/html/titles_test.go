package html

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestParse_titles holds one original page for each rule by which the
// importer finds an article's headline (titles.go, headline.go,
// meta_share.go).
func TestParse_titles(t *testing.T) {
	tests := []struct {
		file, rule, want string
	}{
		{"dc-title.html", "a Dublin Core title beats a <title> that is a section's list", "Harbour dredging to start in March after two-year delay"},
		{"parsely-title.html", "a Parse.ly title beats a <title> of the site and a number", "Harbour dredging to start in March after two-year delay"},
		{"property-list.html", "a property attribute listing og:title and dc:title", "Harbour dredging to start in March after two-year delay"},
		{"h1-prefix.html", "an <h1> that begins a fuller <title> is the headline", "Valley farmers turn to drip irrigation"},
		{"site-note.html", "a site's name in brackets after <title> is not part of it", "The Clockmaker's Apprentice"},
		{"host-suffix.html", "'@ Blog :: Host ::' after a post's title", "Autumn walk along the ridge"},
		{"share-links.html", "a page without <head>: its sharing links name the article", "Night ferry to run again after crew deal"},
		{"site-name-title.html", "a <title> that is the site's name gives way to the heading opening the article", "County library to open on Sunday afternoons"},
		{"site-description.html", "the part of <title> shown just before the article beats a longer site description", "Bridge closed after barge strike"},
		{"bold-line.html", "a bold line of its own that speaks of the article, on a page without headings", "Villagers save school orchard from sale"},
		{"section-heading.html", "an <h1> naming the section (a part of <title> that says nothing of the article) yields to the headline that opens the article", "New tram line carries twelve thousand passengers on first weekday"},
		{"standfirst.html", "the <h1> above a standfirst set as <h2>", "Harbour dredging to start in March"},
		{"line-break.html", "a bold line of its own ended by a line break, before the dateline", "Cliff path reopens after weekend work party"},
		{"heading-dateline.html", "a heading that is a part of <title> run on into its dateline", "Cliff path reopens after weekend work party"},
		{"dateline-break.html", "a dateline after a line break in the headline, '- Section-Site' in <title>", "Farmers turn to drip irrigation"},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".html"), func(t *testing.T) {
			d, err := Parse(nil, tt.file, fixture(t, filepath.Join("titles", tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != tt.want {
				t.Errorf("%s:\n got  %q\n want %q", tt.rule, d.Title, tt.want)
			}
		})
	}
}

func TestMetaShareTitle(t *testing.T) {
	tests := []struct {
		href, want string
	}{
		{"https://bookmarks.example/post?url=https%3A%2F%2Fa.example%2Fx&title=Night+ferry+runs+again", "Night ferry runs again"},
		{"https://social.example/sharer.php?u=https%3A%2F%2Fa.example%2Fx&t=Night%20ferry%20runs%20again", "Night ferry runs again"},
		{"https://bookmarks.example/post?title=Night+ferry+runs+again", ""},                           // no page named
		{"https://bookmarks.example/post?url=x&title=' + encodeURIComponent(document.title) + '", ""}, // a script's expression
		{"https://bookmarks.example/post?url=x&title={title}", ""},                                    // a placeholder
		{"https://bookmarks.example/post?url=x&title=Ferry", ""},                                      // one word
		{"mailto:?subject=A+reader+sent+you+this+story&body=https%3A%2F%2Fa.example%2Fx", ""},         // e-mail subjects are not read
		{"https://bookmarks.example/post?url=x&title=" + strings.Repeat("word+", 80), ""},             // a paragraph
	}
	for _, tt := range tests {
		n := &html.Node{Type: html.ElementNode, Data: "a", Attr: []html.Attribute{{Key: "href", Val: tt.href}}}
		if got := metaShareTitle(n); got != tt.want {
			t.Errorf("metaShareTitle(%q) = %q, want %q", tt.href, got, tt.want)
		}
	}
}

func TestTitleWithoutMeta(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Ferry returns to the islands 12 March 2024, 14:05", "Ferry returns to the islands"},
		{"Ferry returns to the islands | 12 March 2024", "Ferry returns to the islands"},
		{"Tuesday, 12 March 2024 Ferry returns to the islands", "Ferry returns to the islands"},
		{"Tuesday, 12 March 2024 Jonas Berg wins the island regatta", "Jonas Berg wins the island regatta"}, // a name beginning the headline stays
		{"Harbour 2-1 Rovers 2024-03-12 19:45", "Harbour 2-1 Rovers"},                                       // a name before a trailing date stays
		{"Weekly report for March 12, 2024", "Weekly report for March 12, 2024"},                            // a date that belongs to the title
		{"Ferry returns to the islands", "Ferry returns to the islands"},
	}
	for _, tt := range tests {
		if got := titleWithoutMeta(tt.in); got != tt.want {
			t.Errorf("titleWithoutMeta(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTitleNotHeadline(t *testing.T) {
	tests := []struct {
		text, byline string
		want         bool
	}{
		{"By Ola Nordmann", "", true},
		{"Ola Nordmann", "Ola Nordmann", true},
		{"PRINT FRIENDLY", "", true},
		{"Mail this story", "", true},
		{"Share this article", "", true},
		{"Ferry returns to the islands", "Ola Nordmann", false},
		{"Hanuman returns", "", false},
	}
	for _, tt := range tests {
		if got := titleNotHeadline(tt.text, tt.byline); got != tt.want {
			t.Errorf("titleNotHeadline(%q, %q) = %v, want %v", tt.text, tt.byline, got, tt.want)
		}
	}
}

func TestTitleParts(t *testing.T) {
	tests := []struct {
		title string
		want  []string
	}{
		{"Headline - Site", []string{"Headline", "Site"}},
		{"Site -Headline", []string{"Site", "Headline"}},
		{"Headline- Section-Site", []string{"Headline", "Section-Site"}},
		{"A | B | C", []string{"A", "A | B", "B", "B | C", "C"}},
		{"Kyung-ju wins", nil},
	}
	for _, tt := range tests {
		got := titleParts(tt.title)
		if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") {
			t.Errorf("titleParts(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestHeadEmphasisText(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Villagers save school orchard from sale", true},
		{"Will the ferry run this winter?", true},
		{"The harbour authority said on Tuesday that dredging will begin in March.", false}, // a lead paragraph in bold
		{strings.Repeat("word ", 30), false},
	}
	for _, tt := range tests {
		if got := headEmphasisText(tt.text); got != tt.want {
			t.Errorf("headEmphasisText(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestParse_titlesHostile feeds the headline finder what a hostile page
// could: thousands of bold lines, headline-classed elements, sharing
// links and a <title> of many parts. The limits (headMaxCands,
// shareMaxLinks, titleMaxParts, headLineMaxSiblings) keep the work
// linear; the test fails by the test binary's timeout if they do not.
func TestParse_titlesHostile(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><head><title>")
	for i := 0; i < 500; i++ {
		b.WriteString("part | ")
	}
	b.WriteString("</title></head><body><div>")
	for i := 0; i < 5000; i++ {
		b.WriteString(`<b>Bold line of a few words</b><br><a href="https://s.example/share?url=x&amp;title=Shared+title+here"></a><span class="headline">Headline classed</span><br>`)
	}
	b.WriteString("</div><p>")
	b.WriteString(strings.Repeat("The ferry left the harbour at dawn with forty passengers on board. ", 40))
	b.WriteString("</p></body></html>")
	d, err := Parse(nil, "hostile.html", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if d.Title == "" {
		t.Error("no title")
	}
}
