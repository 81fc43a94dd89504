package sync

import (
	"fmt"
	"strconv"
	"time"
)

// Clock is a hybrid logical clock: a wall-clock time in milliseconds and a
// counter that orders changes within (or behind) the same millisecond. The
// zero Clock is before every other.
type Clock struct {
	Wall  int64  // milliseconds since 1970-01-01 UTC
	Count uint32 // at most MaxCount
}

// MaxCount is the largest counter; Next carries into the next millisecond.
const MaxCount = 9999

// Clock limits: a clock from the remote outside them is refused (a year
// beyond 9999 could not be written, and one far ahead would drag every
// later local change with it).
var (
	minWall = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	maxWall = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).UnixMilli()
)

const clockLayout = "2006-01-02T15:04:05.000Z"

// ClockAt is the clock of a wall-clock time, with counter 0.
func ClockAt(t time.Time) Clock {
	if t.IsZero() {
		return Clock{}
	}
	ms := t.UnixMilli()
	if ms < minWall {
		ms = minWall
	}
	if ms > maxWall {
		ms = maxWall
	}
	return Clock{Wall: ms}
}

// String writes the clock as 2025-03-01T10:20:30.456Z.0007.
func (c Clock) String() string {
	return fmt.Sprintf("%s.%04d", time.UnixMilli(c.Wall).UTC().Format(clockLayout), c.Count)
}

// ParseClock reads a clock written by String.
func ParseClock(s string) (Clock, error) {
	bad := fmt.Errorf("clock %q: want 2006-01-02T15:04:05.000Z.0000", shortString(s))
	if len(s) != len(clockLayout)+5 || s[len(clockLayout)] != '.' {
		return Clock{}, bad
	}
	t, err := time.Parse(clockLayout, s[:len(clockLayout)])
	if err != nil {
		return Clock{}, bad
	}
	n, err := strconv.ParseUint(s[len(clockLayout)+1:], 10, 32)
	if err != nil || n > MaxCount {
		return Clock{}, bad
	}
	c := Clock{Wall: t.UnixMilli(), Count: uint32(n)}
	if c.Wall < minWall || c.Wall > maxWall {
		return Clock{}, bad
	}
	return c, nil
}

// Before reports whether c is earlier than d.
func (c Clock) Before(d Clock) bool {
	return c.Wall < d.Wall || c.Wall == d.Wall && c.Count < d.Count
}

// Max returns the later of c and d.
func (c Clock) Max(d Clock) Clock {
	if c.Before(d) {
		return d
	}
	return c
}

// Next returns the clock just after c.
func (c Clock) Next() Clock {
	if c.Count < MaxCount {
		return Clock{Wall: c.Wall, Count: c.Count + 1}
	}
	return Clock{Wall: c.Wall + 1}
}

// IsZero reports whether c is the zero Clock.
func (c Clock) IsZero() bool { return c == Clock{} }

// MarshalText implements encoding.TextMarshaler.
func (c Clock) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// shortString cuts s for an error message.
func shortString(s string) string {
	if len(s) > 48 {
		return s[:48] + "…"
	}
	return s
}

// Time is the clock's wall-clock time (its counter left out).
func (c Clock) Time() time.Time { return time.UnixMilli(c.Wall).UTC() }
