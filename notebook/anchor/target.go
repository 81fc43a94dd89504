package anchor

import "unicode/utf8"

// ContextRunes is the number of runes of prefix and suffix context that
// NewTarget stores on each side of a quote.
const ContextRunes = 32

// Target locates a passage of a text the way the W3C Web Annotation model
// does: a position (Start, End: byte offsets on rune boundaries) and a quote
// selector (the Exact text with up to ContextRunes runes of Prefix and
// Suffix context).
type Target struct {
	Start, End int
	Exact      string
	Prefix     string
	Suffix     string
}

// NewTarget makes the target of text[start:end]. Offsets are clamped to the
// text, moved back to rune boundaries, and end is raised to start if it is
// smaller; Prefix and Suffix hold up to ContextRunes runes (fewer at the
// ends of the text).
func NewTarget(text string, start, end int) Target {
	start = runeFloor(text, start)
	end = runeFloor(text, end)
	if end < start {
		end = start
	}
	return Target{
		Start:  start,
		End:    end,
		Exact:  text[start:end],
		Prefix: text[backRunes(text, start, ContextRunes):start],
		Suffix: text[end:forwardRunes(text, end, ContextRunes)],
	}
}

// Status says how a target was re-attached.
type Status string

// The re-attachment statuses.
const (
	// Anchored: the exact quote was found unchanged, at its old position or
	// in a similar context (context similarity at least 0.5; only shifted by
	// edits elsewhere).
	Anchored Status = "anchored"
	// Moved: found elsewhere (the exact quote with different context) or
	// with small changes (approximate match); callers should store the new
	// quote and keep the old one in the history.
	Moved Status = "moved"
	// Orphaned: not found; Start and End of the Result are 0.
	Orphaned Status = "orphaned"
)

// Result is where a target was re-attached in a new text: byte offsets on
// rune boundaries, the status and a score in [0,1] (1 for the exact quote at
// its old position, 0 for orphaned). See the package documentation for the
// scoring.
type Result struct {
	Start, End int
	Status     Status
	Score      float64
}

// runeFloor clamps off to [0, len(s)] and moves it back to a rune start.
func runeFloor(s string, off int) int {
	if off <= 0 {
		return 0
	}
	if off >= len(s) {
		return len(s)
	}
	// A UTF-8 sequence is at most 4 bytes; an invalid byte is its own rune.
	for i := off; i >= 0 && i > off-utf8.UTFMax; i-- {
		if utf8.RuneStart(s[i]) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if i == off || (r != utf8.RuneError || size > 1) && i+size > off {
				return i
			}
			return off // off is after an invalid byte: its own boundary
		}
	}
	return off
}

// isBoundary reports whether off (in [0, len(s)]) is a rune boundary.
func isBoundary(s string, off int) bool {
	return off >= 0 && off <= len(s) && runeFloor(s, off) == off
}

// backRunes returns the offset n runes before off (or 0).
func backRunes(s string, off, n int) int {
	for ; n > 0 && off > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:off])
		off -= size
	}
	return off
}

// forwardRunes returns the offset n runes after off (or len(s)).
func forwardRunes(s string, off, n int) int {
	for ; n > 0 && off < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	return off
}
