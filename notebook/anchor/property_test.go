package anchor

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// Random edits outside a highlight never orphan it, and it keeps its exact
// text (at its own place when the quote is unique).
func TestReattach_PropertyEditsOutside(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 200 {
		text, sentences := genArticle(rng, 300)
		s := sentences[rng.IntN(len(sentences))]
		// Highlight a sentence, or part of one (at least two words).
		start, end := s[0], s[1]
		if trial%2 == 1 {
			words := strings.Index(text[start:end], " ")
			if words > 0 {
				start = runeFloor(text, start+words+1)
			}
		}
		tg := NewTarget(text, start, end)
		newText, qs := text, start
		for range 1 + rng.IntN(8) {
			var delta int
			if rng.IntN(2) == 0 && qs > 0 {
				newText, delta = randomEdit(rng, newText, 0, qs, false)
				qs += delta
			} else if qe := qs + len(tg.Exact); qe < len(newText) {
				newText, _ = randomEdit(rng, newText, qe, len(newText), false)
			}
		}
		if newText[qs:qs+len(tg.Exact)] != tg.Exact {
			t.Fatalf("trial %d: generator broke the highlight", trial)
		}
		r := Reattach(newText, tg)
		if r.Status == Orphaned {
			t.Fatalf("trial %d: orphaned after edits outside %q", trial, tg.Exact)
		}
		if got := newText[r.Start:r.End]; got != tg.Exact {
			t.Fatalf("trial %d: found %q, want %q", trial, got, tg.Exact)
		}
		if strings.Count(newText, tg.Exact) == 1 && r.Start != qs {
			t.Fatalf("trial %d: found at %d, want %d", trial, r.Start, qs)
		}
		if r.Score <= 0 || r.Score > 1 {
			t.Fatalf("trial %d: score %v out of (0,1]", trial, r.Score)
		}
	}
}

// Random small edits inside a highlight give moved with a score, on the
// edited passage.
func TestReattach_PropertyEditsInside(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	tested, exactSpan := 0, 0
	defer func() {
		// The span is ambiguous when an edit touches its edge, so only
		// most (not all) matches must cover exactly the edited sentence.
		if exactSpan < tested*9/10 {
			t.Errorf("only %d of %d matches cover exactly the edited sentence", exactSpan, tested)
		}
		t.Logf("%d of %d matches cover exactly the edited sentence", exactSpan, tested)
	}()
	for trial := range 200 {
		text, sentences := genArticle(rng, 300)
		s := sentences[rng.IntN(len(sentences))]
		tg := NewTarget(text, s[0], s[1])
		m := len([]rune(tg.Exact))
		if m < 40 {
			continue
		}
		// One to three edits, each of at most three runes, strictly inside.
		newText, qe := text, s[1]
		for range 1 + rng.IntN(3) {
			var delta int
			newText, delta = randomEdit(rng, newText, s[0]+1, qe-1, true)
			qe += delta
		}
		if newText[s[0]:qe] == tg.Exact {
			continue // the edits cancelled out
		}
		r := Reattach(newText, tg)
		if r.Status != Moved {
			t.Fatalf("trial %d: status %s, want moved (%q -> %q)", trial, r.Status, tg.Exact, newText[s[0]:qe])
		}
		if r.Score < MinScore || r.Score >= 1 {
			t.Fatalf("trial %d: score %v, want in [%v, 1)", trial, r.Score, MinScore)
		}
		tested++
		if r.Start == s[0] && r.End == qe {
			exactSpan++
		}
		// The match overlaps the edited sentence almost entirely.
		overlap := min(r.End, qe) - max(r.Start, s[0])
		if overlap < (qe-s[0])*3/4 {
			t.Fatalf("trial %d: match %d-%d %q, edited sentence %d-%d %q, old %q", trial, r.Start, r.End, newText[r.Start:r.End], s[0], qe, newText[s[0]:qe], tg.Exact)
		}
	}
}

// Deleting the highlighted sentence orphans the highlight.
func TestReattach_PropertyDeleted(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	for trial := range 200 {
		text, sentences := genArticle(rng, 300)
		s := sentences[rng.IntN(len(sentences))]
		tg := NewTarget(text, s[0], s[1])
		newText := text[:s[0]] + text[s[1]:]
		if strings.Contains(newText, tg.Exact) {
			continue // the sentence also occurs elsewhere
		}
		if r := Reattach(newText, tg); r.Status != Orphaned {
			t.Fatalf("trial %d: status %s (score %.3f, %q), want orphaned for deleted %q",
				trial, r.Status, r.Score, newText[r.Start:r.End], tg.Exact)
		}
	}
}
