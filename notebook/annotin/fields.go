package annotin

import (
	"fmt"
	"strings"
	"time"
)

// maxPos is the largest position accepted (a text of 2 G code points).
const maxPos = 1<<31 - 1

// position checks a start–end pair read from a selector; either may be
// absent (nil). It reports whether there is a usable range.
func position(start, end *int64) (s, e int, ok bool, err error) {
	if start == nil || end == nil {
		return 0, 0, false, nil
	}
	switch {
	case *start < 0 || *end < 0:
		return 0, 0, false, fmt.Errorf("negative position %d–%d", *start, *end)
	case *start > maxPos || *end > maxPos:
		return 0, 0, false, fmt.Errorf("position %d–%d is too large", *start, *end)
	case *start > *end:
		return 0, 0, false, fmt.Errorf("position starts at %d after its end %d", *start, *end)
	}
	return int(*start), int(*end), *start < *end, nil
}

// timeLayouts are the timestamp forms the sources write: RFC 3339 (W3C,
// Hypothesis), Readwise's "2023-02-10 14:32:00+00:00", Gloss's CSV
// "2023-02-10 14:32:00" (UTC), and a bare date.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 Z07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	"January 2, 2006 3:04 PM",
	"January 2, 2006",
}

// parseTime reads a timestamp; "" gives the zero time. Times without a
// zone are UTC.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if len(s) > 64 {
		return time.Time{}, fmt.Errorf("%.20q… is not a date", s)
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1 || t.Year() > 9999 {
				break
			}
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date", s)
}
