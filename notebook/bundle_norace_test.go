//go:build !race

package notebook_test

// raceEnabled: see bundle_race_test.go.
const raceEnabled = false
