package notebook

import (
	"io"
	"time"
)

// Test seams for the external tests (package notebook_test).

// SetClock makes n read the time from clock, so that tests step time
// instead of sleeping. Call it before n is used.
func SetClock(n *Notebook, clock func() time.Time) { n.now = clock }

// MergeBundleWithLimits is MergeBundle with other reading limits (total
// decompressed bytes, bytes per record, bytes per string), so that tests
// can reach them with small inputs.
func MergeBundleWithLimits(n *Notebook, r io.Reader, total int64, record, str int) (MergeReport, error) {
	lim := defaultBundleLimits
	lim.Total, lim.Record, lim.String = total, record, str
	return n.mergeBundle(r, lim)
}
