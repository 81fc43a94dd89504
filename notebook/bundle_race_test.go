//go:build race

package notebook_test

// raceEnabled: the race detector slows byte loops tenfold, so tests that
// stream tens of megabytes through the (single-goroutine) scanner use
// smaller inputs or skip.
const raceEnabled = true
