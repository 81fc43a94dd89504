package annotin

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Limits bound what Parse accepts. A zero field takes its default from
// DefaultLimits.
type Limits struct {
	// MaxBytes is the largest input, checked while reading.
	MaxBytes int64
	// MaxDepth is the deepest JSON nesting of objects and arrays.
	MaxDepth int
	// MaxRecords is the most annotations (rows) in one input.
	MaxRecords int
	// MaxField is the longest text field (a quote, a note, a URL), in
	// bytes.
	MaxField int
	// MaxTags is the most tags on one annotation.
	MaxTags int
	// Timeout is the most time Parse may spend decoding.
	Timeout time.Duration
}

// DefaultLimits returns the limits Parse applies where a field of its
// Limits is zero: 64 MB, depth 64, 200,000 records, 1 MB per field, 256
// tags, 60 seconds.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 64 << 20, MaxDepth: 64, MaxRecords: 200_000, MaxField: 1 << 20, MaxTags: 256, Timeout: time.Minute}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxRecords <= 0 {
		l.MaxRecords = d.MaxRecords
	}
	if l.MaxField <= 0 {
		l.MaxField = d.MaxField
	}
	if l.MaxTags <= 0 {
		l.MaxTags = d.MaxTags
	}
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	return l
}

// ErrLimit is wrapped by every error that reports a limit exceeded.
var ErrLimit = errors.New("limit exceeded")

// ParseError reports what is wrong with an input and where.
type ParseError struct {
	Name   string // the input's name, as given to Parse
	Kind   Kind   // the format, when known
	Record int    // 1-based record (annotation, row) number, 0 when none
	Line   int    // 1-based line, 0 when unknown
	Column int    // 1-based column (in bytes) on Line, 0 when unknown
	Field  string // the field, e.g. "target[0].selector[1].start"
	Err    error
}

// Error formats the error as "parse NAME: hypothesis record 3 (line 41):
// field target[0].selector[1].start: want …".
func (e *ParseError) Error() string {
	s := "parse " + e.Name + ":"
	where := ""
	if e.Record > 0 {
		where = " record " + strconv.Itoa(e.Record)
		if e.Kind != "" {
			where = " " + string(e.Kind) + where
		}
	}
	if e.Line > 0 {
		pos := "line " + strconv.Itoa(e.Line)
		if e.Column > 0 {
			pos += ", column " + strconv.Itoa(e.Column)
		}
		if where != "" {
			where += " (" + pos + ")"
		} else {
			where = " " + pos
		}
	}
	s += where
	if e.Field != "" {
		s += " field " + e.Field
	}
	if where != "" || e.Field != "" {
		s += ":"
	}
	return s + " " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// limitErr is an error for a limit exceeded.
func limitErr(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrLimit)
}

// sizeString prints a byte count for messages ("1.5 MB").
func sizeString(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
