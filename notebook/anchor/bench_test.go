package anchor

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// benchArticle returns a generated 20,000-word article, 1,000 highlights on
// it (one to three sentences, or the second half of one), and an edited
// version: a paragraph inserted at the top, one highlighted sentence
// deleted, five
// sentences reworded and twenty typos fixed at random places (some inside
// highlights).
func benchArticle() (old string, ts []Target, edited string) {
	rng := rand.New(rand.NewPCG(2023, 2))
	old, sents := genArticle(rng, 20000)
	for range 1000 {
		i := rng.IntN(len(sents) - 3)
		s, e := sents[i][0], sents[i+rng.IntN(3)][1]
		if rng.IntN(10) == 0 {
			s = runeFloor(old, (s+e)/2)
		}
		ts = append(ts, NewTarget(old, s, e))
	}
	var edits []edit
	used := map[int]bool{}
	pick := func() int {
		for {
			if i := rng.IntN(len(sents)); !used[i] {
				used[i] = true
				return i
			}
		}
	}
	// Delete a sentence that is exactly one of the highlights.
	di := pick()
	del := sents[di]
	ts[0] = NewTarget(old, del[0], del[1])
	edits = append(edits, edit{span{del[0], del[1] + 1}, ""})
	for range 5 {
		s := sents[pick()]
		sp := strings.Index(old[s[0]:s[1]], " ") + s[0]
		edits = append(edits, edit{span{sp, sp}, " reportedly"})
	}
	for range 20 {
		s := sents[pick()]
		p := runeFloor(old, s[0]+rng.IntN(s[1]-s[0]))
		q := forwardRunes(old, p, 1)
		edits = append(edits, edit{span{p, q}, "q"})
	}
	edited = "A paragraph the outlet added at the top of the updated article.\n\n" + applyEdits(old, edits)
	return old, ts, edited
}

// benchSectionDeleted is benchArticle with, in addition, 5% of the edited
// text cut out of its middle (dozens of highlights orphaned).
func benchSectionDeleted() (old string, ts []Target, edited string) {
	old, ts, edited = benchArticle()
	cut := len(edited) / 2
	edited = edited[:cut] + edited[runeFloor(edited, cut+len(edited)/20):]
	return old, ts, edited
}

func reportStatuses(b *testing.B, rs []Result) {
	n := map[Status]int{}
	for _, r := range rs {
		n[r.Status]++
	}
	b.ReportMetric(float64(n[Anchored]), "anchored")
	b.ReportMetric(float64(n[Moved]), "moved")
	b.ReportMetric(float64(n[Orphaned]), "orphaned")
}

// BenchmarkReattachAll_Exact re-attaches 1,000 highlights to the unchanged
// 20,000-word article (ns/op is one ReattachAll call).
func BenchmarkReattachAll_Exact(b *testing.B) {
	old, ts, _ := benchArticle()
	var rs []Result
	for b.Loop() {
		rs = ReattachAll(old, ts)
	}
	reportStatuses(b, rs)
}

// BenchmarkReattachAll_Edited re-attaches 1,000 highlights after the edit
// (ns/op is one ReattachAll call).
func BenchmarkReattachAll_Edited(b *testing.B) {
	_, ts, edited := benchArticle()
	var rs []Result
	for b.Loop() {
		rs = ReattachAll(edited, ts)
	}
	reportStatuses(b, rs)
}

// BenchmarkReattach_EditedOneByOne is the baseline for
// BenchmarkReattachAll_Edited: 1,000 separate Reattach calls, sharing
// nothing and searching from each target's old offset.
func BenchmarkReattach_EditedOneByOne(b *testing.B) {
	_, ts, edited := benchArticle()
	rs := make([]Result, len(ts))
	for b.Loop() {
		for i, t := range ts {
			rs[i] = Reattach(edited, t)
		}
	}
	reportStatuses(b, rs)
}

// BenchmarkReattachAll_SectionDeleted is a heavier edit than
// BenchmarkReattachAll_Edited: a section holding dozens of highlights is
// deleted too, and each orphan costs a scan of the whole text.
func BenchmarkReattachAll_SectionDeleted(b *testing.B) {
	_, ts, edited := benchSectionDeleted()
	var rs []Result
	for b.Loop() {
		rs = ReattachAll(edited, ts)
	}
	reportStatuses(b, rs)
}
