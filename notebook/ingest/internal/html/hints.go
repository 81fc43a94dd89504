package html

import (
	"strings"

	"golang.org/x/net/html"
)

// hint is what the class names and ids of a paragraph's elements say it
// is, as a set of bits. Sites name their page furniture in English
// whatever their language ("caption", "byline", "share", "related",
// "newsletter"), with a few local words ("bildunterschrift", "légende");
// the clean-up rules use these hints together with the paragraph's
// wording and length, never alone on long text (a class name can be
// wrong, a wrong one on a whole article container would cost the article).
type hint uint16

// The hints.
const (
	hintCaption    hint = 1 << iota // a figure caption ("caption", "cutline")
	hintCredit                      // a photo credit ("credit", "copyright")
	hintByline                      // the author line ("byline", "author")
	hintDate                        // a date or time ("date", "timestamp")
	hintShare                       // sharing and print tools
	hintRelated                     // teasers for other stories
	hintComment                     // reader comments
	hintNewsletter                  // sign-up boxes
	hintAd                          // advertising
	hintTags                        // the article's tags or topics
	hintGallery                     // photo-gallery chrome
	hintHidden                      // text for screen readers only
)

// hintWords are the parts of class names and ids that give each hint.
// A word matches anywhere in a class name unless it is listed in
// hintTokens, which match whole class names only.
var hintWords = []struct {
	h     hint
	words []string
}{
	{hintCaption, []string{"caption", "cutline", "bildunterschrift", "bildtext", "legende", "légende", "photo-text", "phototext", "image-desc", "img-desc", "photo-desc"}},
	{hintCredit, []string{"credit", "copyright", "photographer", "image-source", "img-source", "attribution", "fotograf"}},
	{hintByline, []string{"byline", "by-line", "author", "autor", "auteur", "reporter", "writer"}},
	{hintDate, []string{"date", "timestamp", "dateline", "datum", "fecha", "published", "posted", "pubtime", "time-stamp"}},
	{hintShare, []string{"share", "sharing", "social", "print-", "toolbar", "article-tools", "story-tools"}},
	{hintRelated, []string{"related", "teaser", "recommend", "more-stories", "morestories", "more-news", "most-popular", "mostpopular", "most-read", "mostread", "trending", "outbrain", "taboola", "also-read", "further-reading", "promo"}},
	{hintComment, []string{"comment", "disqus", "respond", "reply", "replies", "discussion", "kommentar", "commentaire", "comentario"}},
	{hintNewsletter, []string{"newsletter", "signup", "sign-up", "subscribe", "subscription", "optin", "opt-in", "alerts"}},
	{hintAd, []string{"advert", "sponsor", "anzeige", "werbung", "adslot", "ad-slot", "ad-container", "adcontainer", "dfp", "commercial"}},
	{hintTags, []string{"tags", "tag-list", "taglist", "keywords", "topics", "schlagw"}},
	{hintGallery, []string{"gallery", "slideshow", "carousel", "slider", "lightbox", "galerie"}},
	{hintHidden, []string{"sr-only", "visually-hidden", "visuallyhidden", "screen-reader", "screenreader", "offscreen", "a11y"}},
}

// hintTokens are whole class names that give a hint (too short to match
// inside other names).
var hintTokens = map[string]hint{
	"cap": hintCaption, "bu": hintCaption, "wp-caption-text": hintCaption,
	"by": hintByline, "time": hintDate,
	"ad": hintAd, "ads": hintAd, "adv": hintAd, "pub": hintAd,
	"tag":    hintTags,
	"hidden": hintHidden, "is-hidden": hintHidden, "u-hidden": hintHidden,
}

// hintOf returns the hints of one element's class names and id. An id
// made of more than three words is a slug of the element's heading
// ("sharing-with-a-single-developer"), not a name for its role, and is
// not read.
func hintOf(n *html.Node) hint {
	var h hint
	for _, a := range n.Attr {
		if a.Namespace != "" || (a.Key != "class" && a.Key != "id") || a.Val == "" {
			continue
		}
		if a.Key == "id" && strings.Count(a.Val, "-")+strings.Count(a.Val, "_") > 2 {
			continue
		}
		v := strings.ToLower(a.Val)
		for _, hw := range hintWords {
			if h&hw.h != 0 {
				continue
			}
			for _, w := range hw.words {
				if strings.Contains(v, w) {
					h |= hw.h
					break
				}
			}
		}
		for _, tok := range strings.Fields(v) {
			h |= hintTokens[tok]
		}
	}
	if hasAttr(n, "hidden") || strings.EqualFold(attrOf(n, "aria-hidden"), "true") {
		h |= hintHidden
	}
	return h
}
