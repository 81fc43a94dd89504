package plain

import (
	"regexp"
	"strings"
)

// clutterLines are whole lines, compared in lower case after list numbering,
// bullets, trailing punctuation and repeated spaces are removed, that a
// saved web page leaves around an article: navigation, sharing buttons,
// advertising labels, sign-in and cookie banners.
var clutterLines = map[string]bool{
	"share": true, "share this": true, "share this article": true, "share this story": true,
	"share on facebook": true, "share on twitter": true, "share on x": true, "share via email": true,
	"share via e-mail": true, "share article": true, "tweet": true, "facebook": true, "twitter": true,
	"linkedin": true, "whatsapp": true, "telegram": true, "reddit": true, "pinterest": true,
	"email": true, "e-mail": true, "print": true, "copy link": true, "link copied": true,
	"advertisement": true, "advertisements": true, "advert": true, "ad": true, "sponsored": true,
	"sponsored content": true, "skip advertisement": true, "continue reading": true,
	"continue reading below": true, "read more": true, "show more": true, "read next": true,
	"related": true, "related articles": true, "related content": true, "related topics": true,
	"more on this story": true, "menu": true, "main menu": true, "open menu": true, "close menu": true,
	"search": true, "close": true, "log in": true, "login": true, "sign in": true, "sign up": true,
	"subscribe": true, "subscribe now": true, "register": true, "newsletter": true,
	"sign up for our newsletter": true, "accept": true, "accept all": true, "reject all": true,
	"accept cookies": true, "accept all cookies": true, "manage cookies": true, "cookie settings": true,
	"cookie preferences": true, "privacy settings": true, "manage preferences": true,
	"back to top": true, "listen to this article": true, "listen": true, "comments": true,
	"follow us": true, "gift this article": true, "save article": true, "bookmark": true,
	"toggle navigation": true, "skip navigation": true, "play video": true, "watch video": true,
}

var (
	// clutterPrefix removes list numbering and bullets before a clutter line.
	clutterPrefix = regexp.MustCompile(`^(?:\d{1,3}[.)]|[-*•·])\s*`)
	// clutterPattern matches clutter lines that vary: "Skip to main menu",
	// "Jump to navigation", "4 min read", "Advertisement - scroll to
	// continue", "You have 3 free articles left".
	clutterPattern = regexp.MustCompile(`(?i)^(?:(?:skip|jump)\s+to\s+[^.!?]{1,40}|\d{1,3}\s*(?:-|\s)?min(?:ute)?s?\s+read|advertisement\s*[-–—:|]\s*[^.!?]{0,40}|(?:you\s+have\s+)?\d+\s+(?:free\s+)?articles?\s+(?:left|remaining).{0,60})$`)
	// cookieNotice matches a cookie or consent banner sentence.
	cookieNotice = regexp.MustCompile(`(?i)\b(?:we|this\s+(?:web)?site)\s+uses?\s+cookies\b|\bby\s+continuing\s+to\s+(?:browse|use)\s+(?:this|our)\s+(?:web)?site\b`)
)

// isClutter reports whether a whole line (already trimmed) is page clutter
// rather than article text. Cookie notices are recognised only in lines
// shorter than 400 bytes, so that an article about cookie law keeps its
// paragraphs.
func isClutter(line string) bool {
	if len(line) > 400 {
		return false
	}
	s := line
	if loc := clutterPrefix.FindStringIndex(s); loc != nil {
		s = s[loc[1]:]
	}
	if len(s) <= 120 && clutterPattern.MatchString(s) {
		return true
	}
	if mayBeCookieNotice(s) && cookieNotice.MatchString(s) {
		return true
	}
	if len(s) > 40 {
		return false
	}
	s = strings.ToLower(strings.Join(strings.Fields(strings.TrimRight(s, ".:!|›»>")), " "))
	return clutterLines[s]
}

// mayBeCookieNotice is a cheap test that lets most lines skip the
// cookieNotice expression: it looks for "cookie" or "continuing" in any of
// the usual letter cases.
func mayBeCookieNotice(s string) bool {
	for _, w := range []string{"ookie", "OOKIE", "ontinuing", "ONTINUING"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
