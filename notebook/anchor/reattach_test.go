package anchor

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// targetOf makes a target on the (unique) occurrence of quote in text.
func targetOf(t *testing.T, text, quote string) Target {
	t.Helper()
	i := strings.Index(text, quote)
	if i < 0 || strings.Count(text, quote) != 1 {
		t.Fatalf("quote %q must occur once in the test text", quote)
	}
	return NewTarget(text, i, i+len(quote))
}

const para = "Lavrov praised the bilateral relations between the two capitals. " +
	"Officials said the second batch of aircraft was delivered in January. " +
	"Analysts expect the cooperation to expand further this year."

func TestReattach(t *testing.T) {
	const quote = "the second batch of aircraft was delivered"
	long := strings.Repeat("Filler sentence number one about nothing in particular. ", 40) // 2,280 runes
	longQuote := long[:2100]
	tests := []struct {
		name       string
		old, quote string
		new        string
		wantStatus Status
		want       string  // text the result must cover ("" for orphaned)
		minScore   float64 // lowest acceptable score
		maxScore   float64
	}{
		{"step 1: unchanged", para, quote, para, Anchored, quote, 1, 1},
		{"step 1: edit after the quote", para, quote, strings.Replace(para, "expect", "predict", 1), Anchored, quote, 1, 1},
		{"step 2: paragraph inserted before", para, quote, "A new opening paragraph was added by the outlet.\n\n" + para, Anchored, quote, 0.97, 0.999},
		{"step 2: non-ASCII inserted before", para, quote, "Привет – café 🙂 naïve.\n\n" + para, Anchored, quote, 0.97, 0.999},
		{"step 2: found elsewhere with other context", para, quote,
			"Completely different lead. Reports claim the second batch of aircraft was delivered earlier.", Moved, quote, 0.7, 0.95},
		{"step 3: one word changed inside", para, quote, strings.Replace(para, "second batch", "second shipment", 1), Moved,
			"the second shipment of aircraft was delivered", MinScore, 0.99},
		{"step 3: typo fixed inside", strings.Replace(para, "aircraft", "aircarft", 1), "the second batch of aircarft was delivered", para, Moved,
			quote, 0.9, 0.99},
		{"step 3: insertion longer than the last word", para, "the second batch of aircraft was delivered in January",
			strings.Replace(para, "in January", "in early-mid January", 1), Moved,
			"the second batch of aircraft was delivered in early-mid January", MinScore, 0.99},
		{"step 3: insertion longer than the first word", para, "said the second batch of aircraft",
			strings.Replace(para, "said the", "said that the", 1), Moved,
			"said that the second batch of aircraft", MinScore, 0.99},
		{"step 3: long quote (2,100 chars) with edits", long, longQuote,
			"Intro.\n" + strings.Replace(strings.Replace(long, "number one", "number 1", 3), "nothing", "something", 2), Moved,
			"", 0.9, 0.999},
		{"step 4: sentence deleted", para, quote, strings.Replace(para, "Officials said the second batch of aircraft was delivered in January. ", "", 1), Orphaned, "", 0, 0},
		{"step 4: rewritten beyond the error bound", para, quote, strings.Replace(para, quote, "a further set of planes arrived", 1), Orphaned, "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg := targetOf(t, tt.old, tt.quote)
			r := Reattach(tt.new, tg)
			if r.Status != tt.wantStatus {
				t.Fatalf("status = %s (score %.3f, %q), want %s", r.Status, r.Score, tt.new[r.Start:r.End], tt.wantStatus)
			}
			if r.Score < tt.minScore || r.Score > tt.maxScore {
				t.Errorf("score = %.4f, want in [%.3f, %.3f]", r.Score, tt.minScore, tt.maxScore)
			}
			if tt.wantStatus == Orphaned {
				if r.Start != 0 || r.End != 0 {
					t.Errorf("orphaned result has offsets %d-%d", r.Start, r.End)
				}
				return
			}
			if tt.want != "" {
				if got := tt.new[r.Start:r.End]; got != tt.want {
					t.Errorf("found %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestReattach_LongQuoteBoundaries(t *testing.T) {
	// A 2,000+ character paragraph with a reworded sentence in the middle:
	// the match must cover the edited paragraph, not run into its
	// neighbours.
	var b strings.Builder
	for i := range 36 {
		b.WriteString("Sentence ")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(" of the long paragraph, which goes on for a while. ")
	}
	long := strings.TrimSpace(b.String())
	old := "Before paragraph.\n\n" + long + "\n\nAfter paragraph."
	tg := targetOf(t, old, long)
	edited := strings.Replace(long, "Sentence xxx of the long paragraph", "Sentence three of this long paragraph", 1)
	r := Reattach("New top.\n\nBefore paragraph.\n\n"+edited+"\n\nAfter paragraph.", tg)
	newText := "New top.\n\nBefore paragraph.\n\n" + edited + "\n\nAfter paragraph."
	if r.Status != Moved {
		t.Fatalf("status = %s, want moved", r.Status)
	}
	if got := newText[r.Start:r.End]; got != edited {
		t.Errorf("found %d bytes starting %q, want the edited paragraph (%d bytes)", len(got), got[:min(40, len(got))], len(edited))
	}
	if utf8.RuneCountInString(long) < 2000 {
		t.Fatalf("test paragraph too short: %d runes", utf8.RuneCountInString(long))
	}
}

func TestReattach_Disambiguation(t *testing.T) {
	// The quote occurs three times; the target's occurrence is identified by
	// its context, or by nearness when contexts tie.
	text := "Alpha says: the junta. Beta says: the junta. Gamma says: the junta."
	second := strings.Index(text, "Beta says: the junta") + len("Beta says: ")
	tg := NewTarget(text, second, second+len("the junta"))

	// Text before changes so the old position no longer holds the quote.
	moved := "Intro. " + text
	r := Reattach(moved, tg)
	if want := second + len("Intro. "); r.Start != want || r.Status != Anchored {
		t.Errorf("context disambiguation: got %d (%s), want %d (anchored)", r.Start, r.Status, want)
	}

	// Contexts damaged for all occurrences: the best-agreeing context wins,
	// and the quote counts as in place (its context is still similar).
	damaged := strings.NewReplacer("Alpha says:", "Alpha said:", "Beta says:", "Beta said:", "Gamma says:", "Gamma said:").Replace(moved)
	r = Reattach(damaged, tg)
	if want := strings.Index(damaged, "Beta said: ") + len("Beta said: "); r.Start != want || r.Status != Anchored || r.Score >= 1 {
		t.Errorf("best context: got %d (%s, %.3f), want %d (anchored, below 1)", r.Start, r.Status, r.Score, want)
	}

	// Identical contexts: nearness to the old position decides.
	same := "x the junta y " + strings.Repeat("-", 200) + " x the junta y"
	// Stored context agrees with neither occurrence; the old position (not
	// holding the quote) is nearer the second.
	tg2 := Target{Start: len(same) - 5, End: len(same) - 5 + len("the junta"), Exact: "the junta", Prefix: "zzz", Suffix: "zzz"}
	r = Reattach(same, tg2)
	if want := strings.LastIndex(same, "the junta"); r.Start != want {
		t.Errorf("nearness: got %d, want %d", r.Start, want)
	}
}

func TestReattach_EmptyQuote(t *testing.T) {
	r := Reattach("some text", Target{Start: 2, End: 2})
	if r.Status != Orphaned {
		t.Errorf("empty quote: status %s, want orphaned", r.Status)
	}
}

func TestReattachAll_MatchesReattach(t *testing.T) {
	old := strings.Repeat(para+"\n\n", 3) + "Unique closing line about the Sahel."
	quotes := []string{"Unique closing line", "Officials said"}
	var ts []Target
	for _, q := range quotes {
		i := strings.LastIndex(old, q)
		ts = append(ts, NewTarget(old, i, i+len(q)))
	}
	i := strings.Index(old, "Analysts expect")
	ts = append(ts, NewTarget(old, i, i+len("Analysts expect")))
	newText := "Inserted lead paragraph.\n\n" + strings.Replace(old, "Unique closing line", "Unique closin line", 1)
	all := ReattachAll(newText, ts)
	for j, tg := range ts {
		one := Reattach(newText, tg)
		if all[j].Status != one.Status || newText[all[j].Start:all[j].End] != newText[one.Start:one.End] {
			t.Errorf("target %d: ReattachAll %+v, Reattach %+v", j, all[j], one)
		}
	}
	if all[0].Status != Moved || all[1].Status != Anchored || all[2].Status != Anchored {
		t.Errorf("statuses %s %s %s, want moved anchored anchored", all[0].Status, all[1].Status, all[2].Status)
	}
}

// TestReattachAll_Concurrent re-attaches many targets that need the
// approximate search (run with -race): a section holding dozens of
// highlights is deleted and typos are fixed inside others. ReattachAll must
// agree with one-by-one Reattach.
func TestReattachAll_Concurrent(t *testing.T) {
	_, ts, edited := benchSectionDeleted()
	all := ReattachAll(edited, ts)
	counts := map[Status]int{}
	for i, r := range all {
		counts[r.Status]++
		one := Reattach(edited, ts[i])
		if one.Status != r.Status || one.Start != r.Start || one.End != r.End {
			t.Errorf("target %d: ReattachAll %+v, Reattach %+v", i, r, one)
		}
	}
	if counts[Orphaned] < 20 || counts[Moved] < 10 {
		t.Errorf("statuses %v: want at least 20 orphaned and 10 moved", counts)
	}
	t.Logf("statuses %v", counts)
}

// TestReattach_VeryLongQuote rewrites three sentences of a 3,000-rune
// paragraph (over 128 edits, within the cap) and deletes another paragraph
// of the same length.
func TestReattach_VeryLongQuote(t *testing.T) {
	var b strings.Builder
	for i := range 50 {
		b.WriteString("Sentence ")
		b.WriteString(strings.Repeat("ab", i%9))
		b.WriteString(" continues the very long highlighted paragraph here. ")
	}
	long := strings.TrimSpace(b.String())
	other := strings.ReplaceAll(long, "Sentence", "Phrase")
	old := "Top.\n\n" + long + "\n\n" + other + "\n\nEnd."
	tl, to := targetOf(t, old, long), targetOf(t, old, other)
	if m := utf8.RuneCountInString(long); m < 3000 {
		t.Fatalf("paragraph has %d runes, want 3,000+", m)
	}
	edited := long
	for _, s := range []string{"Sentence abab continues", "Sentence abababab continues", "Sentence " + strings.Repeat("ab", 8) + " continues"} {
		i := strings.Index(edited, s)
		if i < 0 {
			t.Fatalf("sentence %q not in the paragraph", s)
		}
		j := i + strings.Index(edited[i:], ". ")
		edited = edited[:i] + "An entirely different statement replaced this one in the update" + edited[j:]
	}
	newText := "Top.\n\n" + edited + "\n\nEnd."
	r := Reattach(newText, tl)
	if r.Status != Moved || newText[r.Start:r.End] != edited {
		t.Errorf("rewritten paragraph: %s (score %.3f), found %d-%d, want the edited paragraph %d-%d", r.Status, r.Score, r.Start, r.End, 6, 6+len(edited))
	}
	if d := levenshtein([]rune(long), []rune(edited)); d <= 128 || d > MaxErrors {
		t.Errorf("test edit has %d edits, want more than 128 and at most %d", d, MaxErrors)
	}
	if r := Reattach(newText, to); r.Status != Orphaned {
		t.Errorf("deleted paragraph: %s, want orphaned", r.Status)
	}
}
