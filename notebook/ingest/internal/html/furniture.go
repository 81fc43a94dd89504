package html

import (
	"strings"
)

// Page furniture inside the article's container: what the extractor keeps
// because it sits among the paragraphs, recognised as classes by structure
// (links, class names) and length, never by site.

// isFurniture reports whether a paragraph is page furniture rather than
// article text.
func isFurniture(b block) bool {
	words := b.words()
	switch {
	case b.chars == 0:
		// Nothing but the " | " of empty table cells or a rule of dashes;
		// other symbols ("* * *") may separate the article's sections.
		return strings.Trim(b.Text, "|-_=~ \n") == ""
	case linkList(b, words):
		return true
	case isGalleryChrome(b.Text) || isSignup(b.Text) || isOnSiteTeaser(b):
		return true
	case b.hint&(hintComment|hintRelated) != 0 && (words <= 40 || b.linkShare() >= 0.3):
		return true
	case b.hint&(hintShare|hintNewsletter|hintTags|hintGallery|hintHidden|hintAd) != 0 && words <= 30:
		return true
	case b.hint&hintByline != 0 && words <= 12:
		return true
	case b.hint&hintDate != 0 && words <= 12 && strings.ContainsAny(b.Text, "0123456789"):
		return true
	case b.hint&hintCredit != 0 && words <= 20:
		return true
	}
	return false
}

// linkList reports whether a paragraph is mostly links: a menu, a list of
// other stories, a row of sharing links. A long paragraph must be nearly
// all links (an article paragraph may link most of a sentence).
func linkList(b block, words int) bool {
	share := b.linkShare()
	return share >= 0.9 || (share >= 0.6 && words <= 40)
}
