package ingest

import (
	"context"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
)

// Limits bound the time and memory that importing one file may use. A
// file that needs more is refused with an error wrapping ErrLimit that
// says which limit it passed ("took longer than 20 s, the limit for one
// file", "would need more than 512 MB of memory"). The parsers check the
// limits as they go, so a hostile file stops its own parse.
type Limits struct {
	// Time is the wall-clock time one file may take; zero means no limit
	// beyond the context's.
	Time time.Duration
	// Memory is what a parser may build for one file (decompressed data,
	// document trees, glyphs, lines of text), estimated from what it reads;
	// zero means no limit.
	Memory int64
}

// DefaultLimits are the limits of File, Bytes and Paste: 20 seconds and
// 512 MB per file.
var DefaultLimits = Limits{Time: 20 * time.Second, Memory: 512 << 20}

// budget returns the budget of one parse under l.
func (l Limits) budget(ctx context.Context) *budget.Budget {
	return budget.New(ctx, l.Time, l.Memory)
}

// TimeExceeded returns the error of a parse that took longer than l.Time,
// as the parsers report it: it says so and wraps ErrLimit. The importer
// uses it for a parse it abandons.
func (l Limits) TimeExceeded() error {
	return budget.TimeExceeded(l.Time)
}
