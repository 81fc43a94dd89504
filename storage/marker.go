package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/glossnotes/gloss/internal/atomicfile"
)

// The damage marker is a small JSON file beside the notebook (PATH.damaged)
// that records, across processes, that damage was found in it: written
// when an open, a check or a transaction finds damage, removed only by a
// check that finds none. It names the notebook by its UID, so that a
// marker left beside a path whose file was since replaced (by a salvaged
// copy, which gets a new UID) does not apply to the new file.

// MarkerSuffix is appended to a notebook's path to name its damage marker.
const MarkerSuffix = ".damaged"

// maxMarkerSize bounds what is read of a marker file.
const maxMarkerSize = 1 << 20

// maxMarkerProblems bounds the problems a marker records.
const maxMarkerProblems = 50

type marker struct {
	UID      string    `json:"uid"`
	Found    time.Time `json:"found"`
	Problems []string  `json:"problems"`
}

// MarkerPath returns the path of the damage marker of the notebook at path.
func MarkerPath(path string) string { return path + MarkerSuffix }

// readMarker reads the marker beside path. A marker that exists but cannot
// be read or decoded still counts (it says damage was found), with a
// problem saying so.
func readMarker(path string) (marker, bool) {
	mp := MarkerPath(path)
	f, err := os.Open(mp)
	if errors.Is(err, os.ErrNotExist) {
		return marker{}, false
	}
	if err != nil {
		return marker{Problems: []string{fmt.Sprintf("damage was recorded in %s, which cannot be read: %v", mp, err)}}, true
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxMarkerSize+1))
	var m marker
	if err == nil && len(data) <= maxMarkerSize {
		err = json.Unmarshal(data, &m)
	} else if err == nil {
		err = fmt.Errorf("larger than %d bytes", maxMarkerSize)
	}
	if err != nil || len(m.Problems) == 0 {
		return marker{Problems: []string{fmt.Sprintf("damage was recorded in %s (unreadable record: %v)", mp, err)}}, true
	}
	return m, true
}

// appliesTo reports whether the marker is about the notebook with this
// UID. An unknown UID on either side counts as a match.
func (m marker) appliesTo(uid string) bool {
	return m.UID == "" || uid == "" || m.UID == uid
}

// knownDamage returns the first problem recorded beside path for the
// notebook with this UID, or "".
func knownDamage(path, uid string) string {
	m, ok := readMarker(path)
	if !ok || !m.appliesTo(uid) {
		return ""
	}
	return "found earlier: " + m.Problems[0]
}

// writeMarker records problems beside path (best effort: a notebook in a
// read-only directory cannot get one; the damage is still known to this
// process, and a check finds it again).
func writeMarker(path, uid string, problems []string) error {
	if len(problems) > maxMarkerProblems {
		problems = append(problems[:maxMarkerProblems:maxMarkerProblems], fmt.Sprintf("… and %d more", len(problems)-maxMarkerProblems))
	}
	m := marker{UID: uid, Found: time.Now().UTC(), Problems: problems}
	return atomicfile.Write(MarkerPath(path), 0o600, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

// clearMarker removes the marker beside path if it is about the notebook
// with this UID.
func clearMarker(path, uid string) error {
	m, ok := readMarker(path)
	if !ok || !m.appliesTo(uid) {
		return nil
	}
	if err := os.Remove(MarkerPath(path)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("clear damage marker: %w", err)
	}
	return nil
}
