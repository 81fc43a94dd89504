// Package testutil gives Gloss's tests the fixtures they share, read only
// from inside the repository: the sample news page (an original text written
// for Gloss, with the traps of a real saved page) and its known metadata.
//
// It imports nothing from Gloss, so any package's tests can use it; see
// package nbtest for a notebook on a temporary file.
package testutil

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// The sample page's metadata, as the plain-text importer must detect it.
const (
	// SampleTitle is the sample's headline.
	SampleTitle = "Russia pledges drones and grain to Burkina Faso"
	// SampleByline is the sample's byline line: two co-authors and agencies.
	SampleByline = "Amara Lindqvist and Joseph Ouédraogo (with AFP and Reuters)"
	// SampleDate is the sample's date line, and SamplePublished the same
	// date as YYYY-MM-DD.
	SampleDate      = "March 14, 2024"
	SamplePublished = "2024-03-14"
	// SampleTheme is a tag the sample is about.
	SampleTheme = "Russia–Africa ties"
)

// dir is this package's folder, found from the source file's path so that
// tests in any package (any working directory) can read the fixtures.
func dir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("testutil: cannot locate the package's source folder")
	}
	return filepath.Dir(file)
}

// Path returns the absolute path of a fixture in this package's testdata
// folder, failing t when it does not exist.
func Path(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(dir(), "testdata", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return p
}

// SamplePath returns the absolute path of the sample news page: a saved
// page as plain text with navigation clutter, a byline with co-authors, a
// date line, picture captions with glued credits between paragraphs,
// no-break spaces inside names ("US\u00a0Treasury"), a word glued to the
// next ("droneswas"), typographic quotes and dashes.
func SamplePath(t testing.TB) string {
	t.Helper()
	return Path(t, "sahel-sample.txt")
}

// Sample returns the sample news page's bytes.
func Sample(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(SamplePath(t))
	if err != nil {
		t.Fatalf("sample: %v", err)
	}
	return b
}
