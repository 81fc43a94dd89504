package html

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// blocksOf parses an HTML fragment and returns its paragraphs with what
// the clean-up rules read about them.
func blocksOf(t *testing.T, fragment string) []block {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<html><body><div>" + fragment + "</div></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	return pageBlocks(doc)
}

func TestPageBlocks_linkShare(t *testing.T) {
	bs := blocksOf(t, `<p>The council met on <a href="/t">Tuesday</a> to vote on the harbour plan.</p>
<p><a href="/a">Harbour plan approved</a> | <a href="/b">Ferry fares rise</a></p>
<p><a name="top">An anchor without an address is not a link.</a></p>`)
	if len(bs) != 3 {
		t.Fatalf("%d blocks: %+v", len(bs), bs)
	}
	for i, want := range [][2]float64{{0.1, 0.2}, {0.99, 1}, {0, 0}} {
		if s := bs[i].linkShare(); s < want[0] || s > want[1] {
			t.Errorf("block %d %q: link share %.2f, want %.2f–%.2f", i, bs[i].Text, s, want[0], want[1])
		}
	}
}

func TestHintOf(t *testing.T) {
	tests := []struct {
		fragment string
		want     hint
	}{
		{`<p class="image-caption">The quay at dawn.</p>`, hintCaption},
		{`<p class="cutline">The quay at dawn.</p>`, hintCaption},
		{`<p class="bu">Der Kai am Morgen.</p>`, hintCaption},
		{`<div class="article-byline"><span>By Ana Ruiz</span></div>`, hintByline},
		{`<div class="share-tools"><p>Share</p></div>`, hintShare},
		{`<section id="comments"><p>Great piece.</p></section>`, hintComment},
		{`<div class="newsletter-signup"><p>Get our briefing</p></div>`, hintNewsletter},
		{`<p class="ad">Advertisement</p>`, hintAd},
		{`<p class="header">A header is not an ad.</p>`, 0},
		{`<p class="shadow">A shadow is not an ad.</p>`, 0},
		{`<span class="sr-only">Close</span>`, hintHidden},
		{`<p aria-hidden="true">Image 1 of 9</p>`, hintHidden},
		// An id made from a heading is a slug, not a role.
		{`<section id="sharing-with-a-single-developer"><p>Text.</p></section>`, 0},
		// A "read more" box that folds the rest of the story is the story.
		{`<div id="read-more-content"><p>Text.</p></div>`, 0},
	}
	for _, tt := range tests {
		bs := blocksOf(t, tt.fragment)
		if len(bs) != 1 {
			t.Fatalf("%s: %d blocks", tt.fragment, len(bs))
		}
		if bs[0].hint != tt.want {
			t.Errorf("%s: hint %b, want %b", tt.fragment, bs[0].hint, tt.want)
		}
	}
}

func TestIsFurniture(t *testing.T) {
	long := strings.Repeat("The harbour board met again to discuss the fares. ", 8)
	tests := []struct {
		name, fragment string
		want           bool
	}{
		{"paragraph with a link", `<p>The council met on <a href="/t">Tuesday</a> to vote on the plan for the harbour.</p>`, false},
		{"list of other stories", `<p><a href="/a">Harbour plan approved</a><br><a href="/b">Ferry fares rise</a><br><a href="/c">Storm closes the pier</a></p>`, true},
		{"section menu", `<p><a href="/">News</a> | <a href="/s">Sport</a> | <a href="/b">Business</a></p>`, true},
		{"long paragraph mostly linked stays", `<p><a href="/x">` + long + `</a> and one more sentence after the link that is not linked at all, which makes it an article paragraph with quite a few words of its own.</p>`, false},
		{"empty table cells", `<table><tr><td></td><td> </td></tr></table>`, false}, // no block at all
		{"rule of dashes", `<p>-----</p>`, true},
		{"scene break stays", `<p>* * *</p>`, false},
		{"share box", `<div class="share-bar"><p>Share on Facebook</p></div>`, true},
		{"newsletter box", `<div class="newsletter-box"><p>Get the morning briefing in your inbox.</p></div>`, true},
		{"long text in a share box stays", `<div class="share-bar"><p>` + long + `</p></div>`, false},
		{"comment", `<div class="comment-body"><p>I live by the harbour and the fares are too high already.</p></div>`, true},
		{"byline element", `<p class="byline">By Ana Ruiz and Tom Ellis</p>`, true},
		{"date element", `<p class="date">14 March 2024, 09:40</p>`, true},
		{"date class without a date", `<p class="date">Updated daily</p>`, false},
		{"photo credit element", `<p class="photo-credit">Ana Ruiz / Harbour Press</p>`, true},
		{"screen-reader text", `<p class="visually-hidden">Close gallery</p>`, true},
		{"gallery chrome by class", `<div class="gallery-controls"><p>Slide 2</p></div>`, true},
		{"tag list by class", `<div class="article-tags"><p>Ferries, Islands, Transport</p></div>`, true},
		{"ad label by class", `<div class="ad-slot"><p>Story continues below</p></div>`, true},
		{"related box by class", `<div class="related-stories"><p>Island school to stay open after parents' campaign</p></div>`, true},
		// Wording alone, without class names (furniture_words.go).
		{"sign-up box by wording", `<p>Get breaking news alerts and special reports.</p>`, true},
		{"gallery counter by wording", `<p>Image 2 of 9</p>`, true},
		{"on-site teaser by wording", `<p>On Harbourwire.example: Island school to stay open</p>`, true},
		{"article text about subscriptions stays", `<p>Fewer readers subscribe to printed papers each year, the survey found.</p>`, false},
	}
	for _, tt := range tests {
		bs := blocksOf(t, tt.fragment)
		got := len(bs) > 0 && isFurniture(bs[0])
		if got != tt.want {
			t.Errorf("%s: isFurniture = %v, want %v (%+v)", tt.name, got, tt.want, bs)
		}
	}
}
