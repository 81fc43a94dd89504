package html

import (
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
)

func TestTrimTail(t *testing.T) {
	para := func(n int) string { return strings.Repeat("word ", n) + "end." }
	blocks := func(texts ...string) []block {
		var out []block
		for _, s := range texts {
			out = append(out, block{Block: draft.Block{Text: s}})
		}
		return out
	}
	tests := []struct {
		name string
		in   []block
		want []string
	}{
		{"related list at the end goes",
			blocks(para(30), para(30), para(30), "Related stories", "Mali junta expels envoy", "Wagner in the Sahel"),
			[]string{para(30), para(30), para(30)}},
		{"German heading with colon",
			blocks(para(30), para(30), "Mehr zum Thema:", "Russland baut Präsenz aus"),
			[]string{para(30), para(30)}},
		{"inline box between paragraphs goes alone",
			blocks(para(30), para(30), "Lire aussi", "Le Mali et la Russie", para(20)),
			[]string{para(30), para(30), para(20)}},
		{"heading followed by a paragraph stays",
			blocks(para(30), para(30), "See also", para(20)),
			[]string{para(30), para(30), "See also", para(20)}},
		{"heading in the first half stays",
			blocks("Related", "A headline", para(30), para(30), para(30), para(30), para(30)),
			[]string{"Related", "A headline", para(30), para(30), para(30), para(30), para(30)}},
		{"prompt lines go anywhere",
			blocks("Share this article", para(30), "4 min read", para(30), "Rezept drucken"),
			[]string{para(30), para(30)}},
		{"ad labels and back links go",
			blocks(para(30), "Advertisement", para(30), "« Back to news"),
			[]string{para(30), para(30)}},
		{"a sentence that starts like a prompt stays",
			blocks(para(30), "Share prices fell sharply on Monday.", para(30)),
			[]string{para(30), "Share prices fell sharply on Monday.", para(30)}},
		{"section link after the story goes",
			blocks(para(30), para(30), para(30), "More Business News"),
			[]string{para(30), para(30), para(30)}},
		{"section links in other languages go",
			blocks(para(30), para(30), para(30), "Plus d'actualités sur la région", "Le port rouvre ses quais"),
			[]string{para(30), para(30), para(30)}},
		{"German section link after the story goes",
			blocks(para(30), para(30), para(30), "Mehr aus Wirtschaft"),
			[]string{para(30), para(30), para(30)}},
		{"a sentence about more news stays",
			blocks(para(30), para(30), "More business news is expected when the markets open on Monday.", para(20)),
			[]string{para(30), para(30), "More business news is expected when the markets open on Monday.", para(20)}},
		{"a long heading is not a related heading",
			blocks(para(30), para(30), "Read more about how the junta came to power in two coups in 2020 and 2021", "x"),
			[]string{para(30), para(30), "Read more about how the junta came to power in two coups in 2020 and 2021", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, b := range trimTail(tt.in) {
				got = append(got, b.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestIsCredit(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Photo: Maria Okafor/Reuters", true},
		{"CreditKevin Frayer/Getty Images", true},
		{"Credit Ellen Surrey/The New York Times", true},
		{"Getty Images", true},
		{"Credit", true},
		{"Credit Suisse collapse", false},
		{"Credit card debt is rising fast.", false},
		{"Credits roll as the film ends", false},
	}
	for _, tt := range tests {
		if got := isCredit(tt.text); got != tt.want {
			t.Errorf("isCredit(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestParse_siteNameIsNoByline(t *testing.T) {
	body := strings.Repeat("<p>The council approved the new budget after a long debate about roads, schools and the harbour, and the mayor said the vote showed the town could still agree on what matters.</p>\n", 6)
	page := `<html><head><title>Budget approved | Example News</title>
<meta property="og:site_name" content="Example News - Your Town, Your Paper"></head>
<body><article><h1>Budget approved</h1><div class="byline">Example News</div>` + body + `</article></body></html>`
	d, err := Parse(nil, "budget.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if d.Outlet != "Example News" {
		t.Errorf("outlet = %q, want the name without its tagline", d.Outlet)
	}
	if d.Byline != "" {
		t.Errorf("byline = %q, want none (the site's name is not an author)", d.Byline)
	}
}
