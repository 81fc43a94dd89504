package export

import (
	"strings"
	"unicode"
)

// Hashtag returns a tag as an inline #tag that Obsidian and Logseq read:
// nesting kept ("#Sahel/Mali"), spaces and ASCII punctuation other than
// "-" and "_" turned into "_" ("#Russia–Africa_ties"), and an all-digit
// segment prefixed with "_" (a tag cannot be a number).
func Hashtag(name string) string {
	segs := strings.Split(name, "/")
	out := segs[:0:0]
	for _, seg := range segs {
		var b strings.Builder
		under := false
		for _, r := range strings.TrimSpace(seg) {
			if unicode.IsSpace(r) || r < 0x80 && unicode.IsPunct(r) && r != '-' && r != '_' || r < 0x80 && unicode.IsSymbol(r) || unicode.IsControl(r) {
				if !under {
					b.WriteByte('_')
				}
				under = true
				continue
			}
			b.WriteRune(r)
			under = false
		}
		s := strings.Trim(b.String(), "_")
		if s == "" {
			continue
		}
		if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			s = "_" + s
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return ""
	}
	return "#" + strings.Join(out, "/")
}

// escapeMarkdown escapes the characters that would make plain text render
// as something else in CommonMark: inline markup anywhere, block markers at
// the start of a line. Line breaks are kept.
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("\\`*_[]<>|~&", c) >= 0:
			b.WriteByte('\\')
		case lineStart && strings.IndexByte("#+-=", c) >= 0:
			b.WriteByte('\\')
		case lineStart && c >= '0' && c <= '9':
			// "1. " or "1) " at the start of a line begins a list.
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j+1 < len(s) && (s[j] == '.' || s[j] == ')') && s[j+1] == ' ' {
				b.WriteString(s[i:j])
				b.WriteByte('\\')
				i = j - 1
				lineStart = false
				continue
			}
		}
		b.WriteByte(c)
		if c == '\n' {
			lineStart = true
		} else if c != ' ' || !lineStart {
			lineStart = false
		}
	}
	return b.String()
}

// blockquote prefixes every line of s with "> " (blank lines with ">"), so
// a passage spanning paragraphs stays one quotation.
func blockquote(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + l
		}
	}
	return strings.Join(lines, "\n")
}

// indent prefixes every non-blank line of s with prefix.
func indent(prefix, s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// escapeNoteHTML backslash-escapes "<" in a Markdown note outside code
// spans and fenced code blocks, so HTML typed into a note prints as text
// in Markdown readers (which otherwise render it). "\<" is left alone.
func escapeNoteHTML(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	fence := ""
	for _, line := range strings.SplitAfter(s, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			b.WriteString(line)
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			b.WriteString(line)
			continue
		}
		for i := 0; i < len(line); i++ {
			switch c := line[i]; c {
			case '\\':
				if i+1 < len(line) {
					b.WriteString(line[i : i+2])
					i++
					continue
				}
			case '`':
				n := len(line[i:]) - len(strings.TrimLeft(line[i:], "`"))
				if end := strings.Index(line[i+n:], line[i:i+n]); end >= 0 {
					b.WriteString(line[i : i+n+end+n])
					i += n + end + n - 1
					continue
				}
				b.WriteString(line[i : i+n])
				i += n - 1
				continue
			case '<':
				b.WriteByte('\\')
			}
			b.WriteByte(line[i])
		}
	}
	return b.String()
}
