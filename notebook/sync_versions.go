package notebook

// An article's earlier texts after a merge.

import (
	"fmt"
	"sort"
	"time"

	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// mergeVersions keeps every earlier text of a merged article: the
// versions of all three sides of the merge, and, when the text was edited
// on both sides, the text that lost (the winner is current). Versions are
// never removed, so they merge as a set of texts; their numbers are then
// given by numberVersions, from the set alone, so that every replica
// numbers the same set the same way whatever the order of its merges.
func (m *syncMerger) mergeVersions(in *mergeInput, rec *gsync.Record, art *syncArticle) (bool, error) {
	var all []syncVersion
	for _, r := range []*gsync.Record{in.base, in.ours, in.theirs} {
		if r == nil {
			continue
		}
		var vs []syncVersion
		if err := decodeField(*r, fVersions, &vs); err != nil {
			return false, err
		}
		all = append(all, vs...)
	}
	var lost []string
	for _, c := range in.out.Conflicts {
		if c.Field != "text" {
			continue
		}
		loser, winner := c.Ours, in.theirs
		if c.Winner == gsync.Ours {
			loser, winner = c.Theirs, in.ours
		}
		var lv struct {
			TextHash string `json:"text_hash"`
			Version  int    `json:"version"`
		}
		if loser == nil || decodeJSON(loser, &lv) != nil || lv.TextHash == "" || winner == nil {
			continue
		}
		// It was replaced when the winner was written: the winner's
		// clock, the same on every replica.
		saved := winner.Clock("text").Time().UTC().Truncate(time.Second).Format(time.RFC3339)
		all = append(all, syncVersion{Number: lv.Version, Saved: saved, Text: lv.TextHash, Reason: "sync"})
		lost = append(lost, lv.TextHash)
	}
	out := numberVersions(all)
	for _, h := range lost {
		for _, v := range out {
			if v.Text == h {
				m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("article %s (%s): the text was edited on both sides; the later edit is current, the other is version %d", art.Article.ID, art.Article.Title, v.Number))
			}
		}
	}
	version := max(art.Article.Version, len(out)+1)
	if version >= maxVersionNumber {
		return false, fmt.Errorf("article %s: no version number left", art.Article.ID)
	}
	var old []syncVersion
	if err := decodeField(*rec, fVersions, &old); err != nil {
		return false, err
	}
	if sameJSON(old, out) && version == art.Article.Version {
		return false, nil
	}
	if len(out) == 0 {
		rec.Set(fVersions, nil)
	} else if err := rec.Set(fVersions, out); err != nil {
		return false, err
	}
	if err := rec.Set("version", version); err != nil {
		return false, err
	}
	art.Versions, art.Article.Version = out, version
	return true, nil
}

// numberVersions returns an article's versions, each text once (with its
// earliest saving), numbered 1, 2, … in the order they were saved (ties:
// by the text's hash). Numbers made on one machine, saved one after the
// other, stay as they were; versions saved meanwhile on two machines are
// interleaved by time.
func numberVersions(all []syncVersion) []syncVersion {
	when := func(v syncVersion) time.Time {
		t, _ := time.Parse(time.RFC3339, v.Saved)
		return t
	}
	before := func(a, b syncVersion) bool {
		if ta, tb := when(a), when(b); !ta.Equal(tb) {
			return ta.Before(tb)
		}
		if a.Saved != b.Saved {
			return a.Saved < b.Saved
		}
		if a.Text != b.Text {
			return a.Text < b.Text
		}
		return a.Reason < b.Reason
	}
	byText := map[string]syncVersion{}
	for _, v := range all {
		if old, ok := byText[v.Text]; !ok || before(v, old) {
			byText[v.Text] = v
		}
	}
	out := make([]syncVersion, 0, len(byText))
	for _, v := range byText {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return before(out[i], out[j]) })
	for i := range out {
		out[i].Number = i + 1
	}
	return out
}
