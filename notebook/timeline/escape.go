package timeline

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// xmlText escapes s for XML and HTML text and attribute values, dropping
// the characters XML 1.0 cannot hold (controls other than tab, newline and
// carriage return, invalid UTF-8, U+FFFE, U+FFFF, lone surrogates).
func xmlText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r <= 0xDFFF:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hexColor returns the colour for a highlight colour name from the
// caller's map when it is a hex value (#rgb, #rrggbb or #rrggbbaa), else
// fallback.
func hexColor(colors map[string]string, name, fallback string) string {
	c, ok := colors[name]
	if !ok {
		return fallback
	}
	if len(c) != 4 && len(c) != 7 && len(c) != 9 || c[0] != '#' {
		return fallback
	}
	for i := 1; i < len(c); i++ {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(c[i])) {
			return fallback
		}
	}
	return c
}

// safeURL returns u when it is an absolute http or https URL, else "".
func safeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

// clip shortens s to at most n runes, with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// dateText formats a day, "" for the zero time.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
