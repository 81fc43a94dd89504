package notebook

import (
	"net/url"
	"strings"
)

// IsWebURL reports whether s is an absolute http or https address with a
// host: the only kind of URL an article stores and an export links to (a
// javascript: or file: address in a link could run code or reveal files
// when the export is opened).
func IsWebURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return true
	}
	return false
}
