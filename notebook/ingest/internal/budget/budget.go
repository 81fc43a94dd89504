// Package budget bounds the time and memory that parsing one file may use.
//
// Go cannot stop a goroutine from the outside, so a parser that must not
// run away has to stop itself: every importer takes a *Budget and asks it,
// at points that recur while it reads (a token, an operator, a chapter, a
// read from its input), whether it may go on. Step and Check return an
// error once the deadline has passed or the context is done; Alloc
// returns one before the parser builds more than the memory allowance.
// The first error is sticky: every later call returns it, so a parser
// that swallows one error (a library that recovers a panic, say) meets
// it again at its next step. Reader and ReaderAt wrap a parser's input
// so that code we do not own (an HTML tokenizer, a PDF library) checks
// the budget at each read.
//
// Memory is an estimate, not a measurement: parsers charge what they are
// about to build (decompressed bytes, document nodes, glyphs, lines of
// text) with Alloc and give back what they drop with Free, and the
// budget refuses when the charge in use would pass the allowance.
package budget

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// ErrExceeded is wrapped by every error that says a budget ran out; the
// message says which limit ("took longer than 20 s", "would need more than
// 512 MB of memory").
var ErrExceeded = errors.New("over the limits for one file")

// limitError is the error of a budget that ran out.
type limitError struct{ msg string }

// Error returns the message, which says which limit ran out.
func (e *limitError) Error() string { return e.msg }

// Unwrap makes the error match ErrExceeded.
func (e *limitError) Unwrap() error { return ErrExceeded }

// checkEvery is how many Steps pass between two looks at the clock.
const checkEvery = 256

// Budget is the time and memory allowance of one parse. A nil *Budget
// allows everything. It is not safe for concurrent use: it belongs to the
// goroutine that parses.
type Budget struct {
	ctx      context.Context
	deadline time.Time // zero: no time limit of its own
	timeout  time.Duration
	memLimit int64 // zero: no memory limit
	mem      int64
	steps    uint32
	err      error
}

// New returns a budget that runs out after timeout (zero: never; ctx may
// still end it) or when more than memory bytes are charged (zero: no
// limit).
func New(ctx context.Context, timeout time.Duration, memory int64) *Budget {
	if ctx == nil {
		ctx = context.Background()
	}
	b := &Budget{ctx: ctx, timeout: timeout, memLimit: memory}
	if timeout > 0 {
		b.deadline = time.Now().Add(timeout)
	}
	return b
}

// Err returns the error that ended the budget, or nil while it lasts.
func (b *Budget) Err() error {
	if b == nil {
		return nil
	}
	return b.err
}

// Step counts one unit of work and looks at the clock every few hundred
// units. It returns the budget's error once it has run out.
func (b *Budget) Step() error {
	if b == nil {
		return nil
	}
	if b.err != nil {
		return b.err
	}
	b.steps++
	if b.steps%checkEvery != 0 {
		return nil
	}
	return b.Check()
}

// Check looks at the clock and the context now.
func (b *Budget) Check() error {
	if b == nil {
		return nil
	}
	if b.err != nil {
		return b.err
	}
	if !b.deadline.IsZero() && time.Now().After(b.deadline) {
		b.err = TimeExceeded(b.timeout)
		return b.err
	}
	if err := b.ctx.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			b.err = &limitError{"took longer than the time allowed"}
		} else {
			b.err = fmt.Errorf("import cancelled: %w", err)
		}
		return b.err
	}
	return nil
}

// Alloc charges n bytes that the parser is about to build. It returns the
// budget's error, and charges nothing, when the charge in use would pass
// the allowance.
func (b *Budget) Alloc(n int64) error {
	if b == nil {
		return nil
	}
	if b.err != nil {
		return b.err
	}
	if b.memLimit > 0 && (n > b.memLimit || b.mem+n > b.memLimit) {
		b.err = &limitError{fmt.Sprintf("would need more than %d MB of memory, the limit for one file", b.memLimit>>20)}
		return b.err
	}
	b.mem += n
	return nil
}

// Free gives back n bytes charged with Alloc that the parser has dropped.
func (b *Budget) Free(n int64) {
	if b == nil {
		return
	}
	b.mem = max(0, b.mem-n)
}

// InUse returns the bytes charged and not freed.
func (b *Budget) InUse() int64 {
	if b == nil {
		return 0
	}
	return b.mem
}

// Reader returns r checking the budget before each read: once the budget
// has run out, reads fail with its error.
func (b *Budget) Reader(r io.Reader) io.Reader {
	if b == nil {
		return r
	}
	return &reader{r: r, b: b}
}

type reader struct {
	r io.Reader
	b *Budget
}

// Read checks the budget, then reads.
func (r *reader) Read(p []byte) (int, error) {
	if err := r.b.Check(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}

// ReaderAt returns r checking the budget before each read, like Reader.
func (b *Budget) ReaderAt(r io.ReaderAt) io.ReaderAt {
	if b == nil {
		return r
	}
	return &readerAt{r: r, b: b}
}

type readerAt struct {
	r io.ReaderAt
	b *Budget
}

// ReadAt checks the budget, then reads.
func (r *readerAt) ReadAt(p []byte, off int64) (int, error) {
	if err := r.b.Check(); err != nil {
		return 0, err
	}
	return r.r.ReadAt(p, off)
}

// TimeExceeded is the error of a parse that took longer than its time
// limit d ("took longer than 20 s, the limit for one file"); it wraps
// ErrExceeded.
func TimeExceeded(d time.Duration) error {
	return &limitError{fmt.Sprintf("took longer than %s, the limit for one file", seconds(d))}
}

// seconds renders a duration for a message: "20 s", "1.5 s", "250 ms".
func seconds(d time.Duration) string {
	switch {
	case d >= time.Second && d%time.Second == 0:
		return fmt.Sprintf("%d s", d/time.Second)
	case d >= time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	default:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
}
