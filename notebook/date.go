package notebook

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date that may be unknown (the zero Date). It is written
// as an ISO 8601 date ("2023-02-08") in JSON, or null when unknown.
type Date struct {
	t time.Time
}

// DateOf returns the calendar date of t (in t's location); a zero t gives
// the unknown Date.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return Date{time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

// ParseDate reads a date given as YYYY-MM-DD, YYYY-MM or YYYY (missing parts
// are the first month or day). An empty string gives the unknown Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return checkYear(s, Date{t})
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return checkYear(s, DateOf(t))
	}
	return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}

// The years a publication date may have: anything outside is a typo or a
// placeholder (0000-01-01), not a date.
const (
	minYear = 1000
	maxYear = 9999
)

func checkYear(s string, d Date) (Date, error) {
	if y := d.t.Year(); y < minYear || y > maxYear {
		return Date{}, fmt.Errorf("date %q: the year must be between %d and %d", s, minYear, maxYear)
	}
	return d, nil
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns the date as UTC midnight, or the zero time when unknown.
func (d Date) Time() time.Time { return d.t }

// String returns the date as YYYY-MM-DD, or "" when unknown.
func (d Date) String() string {
	if d.t.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// MarshalJSON writes the date as "YYYY-MM-DD", or null when unknown.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
