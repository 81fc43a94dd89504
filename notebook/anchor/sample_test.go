package anchor

import (
	"github.com/glossnotes/gloss/internal/testutil"

	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func loadSample(t testing.TB) string {
	t.Helper()
	return string(testutil.Sample(t))
}

// span is a byte range of a text.
type span struct{ start, end int }

// paragraphsOf returns the blank-line separated paragraphs of text, trimmed
// of surrounding whitespace.
func paragraphsOf(text string) []span {
	var out []span
	at := 0
	for _, p := range strings.Split(text, "\n\n") {
		lead := len(p) - len(strings.TrimLeftFunc(p, unicode.IsSpace))
		trimmed := strings.TrimSpace(p)
		if trimmed != "" {
			out = append(out, span{at + lead, at + lead + len(trimmed)})
		}
		at += len(p) + 2
	}
	return out
}

// sentencesOf splits text[p] at ". " into sentence spans (the period kept).
func sentencesOf(text string, p span) []span {
	var out []span
	s := p.start
	for {
		i := strings.Index(text[s:p.end], ". ")
		if i < 0 {
			return append(out, span{s, p.end})
		}
		out = append(out, span{s, s + i + 1})
		s += i + 2
	}
}

type edit struct {
	span
	repl string
}

// applyEdits applies non-overlapping edits to text.
func applyEdits(text string, edits []edit) string {
	slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
	for _, e := range edits {
		text = text[:e.start] + e.repl + text[e.end:]
	}
	return text
}

// TestReattach_SampleArticle highlights five passages of the sample article
// and applies an "outlet update": a paragraph inserted at the top, a
// sentence reworded inside one highlight, one highlighted paragraph
// deleted, and typos fixed elsewhere. Passages are chosen by the article's
// structure rather than copied into the test.
func TestReattach_SampleArticle(t *testing.T) {
	text := loadSample(t)
	paras := paragraphsOf(text)
	within := func(p span, off int) bool { return off >= p.start && off < p.end }

	// Highlight 1: a phrase typed by the user; the text runs on into the
	// next word without a space ("droneswas"), which is fine.
	s1, e1, err := FindQuote(text, "a large consignment of Russian reconnaissance drones", 0)
	if err != nil {
		t.Fatal(err)
	}
	// Highlight 5: four words around the first no-break space, typed with
	// an ordinary space.
	nb := strings.IndexRune(text, '\u00a0')
	if nb < 0 {
		t.Fatal("sample article has no no-break space")
	}
	var nbPara span
	for _, p := range paras {
		if within(p, nb) {
			nbPara = p
		}
	}
	words := strings.Fields(strings.ReplaceAll(text[nbPara.start:nb], "\u00a0", " "))
	after := strings.Fields(strings.ReplaceAll(text[nb+len("\u00a0"):nbPara.end], "\u00a0", " "))
	typed := strings.Join(words[len(words)-2:], " ") + " " + strings.Join(after[:2], " ")
	s5, e5, err := FindQuote(text, typed, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !(s5 < nb && nb < e5) {
		t.Fatalf("FindQuote(%q) = %q, want the passage around the no-break space", typed, text[s5:e5])
	}

	// Other highlights come from long paragraphs away from those two.
	var cands, multi []span
	for _, p := range paras[3:] {
		if p.end-p.start >= 150 && !within(p, s1) && !within(p, s5) {
			cands = append(cands, p)
			if len(sentencesOf(text, p)) >= 2 {
				multi = append(multi, p)
			}
		}
	}
	if len(multi) < 1 {
		t.Fatal("no multi-sentence paragraph in the sample")
	}
	reworded := multi[len(multi)/2]
	rest := slices.DeleteFunc(slices.Clone(cands), func(p span) bool { return p == reworded })
	if len(rest) < 8 {
		t.Fatalf("only %d candidate paragraphs in the sample", len(rest))
	}
	deleted, h4para := rest[1], rest[4]
	h4 := sentencesOf(text, h4para)[0]
	targets := []Target{
		NewTarget(text, s1, e1),
		NewTarget(text, deleted.start, deleted.end),
		NewTarget(text, reworded.start, reworded.end),
		NewTarget(text, h4.start, h4.end),
		NewTarget(text, s5, e5),
	}

	// The outlet update.
	sent := sentencesOf(text, reworded)[1]
	w := strings.Fields(text[sent.start:sent.end])
	if len(w) < 6 {
		t.Fatalf("reworded sentence too short: %d words", len(w))
	}
	w[2] = "reportedly " + w[2]
	w = append(w[:len(w)-3], w[len(w)-2:]...)
	edits := []edit{
		{sent, strings.Join(w, " ")},
		{span{deleted.start, deleted.end + 2}, ""},
	}
	for _, p := range []span{rest[0], rest[6], rest[len(rest)-1]} {
		// "Fix a typo": swap two letters of the first long word after the
		// middle of the paragraph.
		ws, we := -1, -1
		for at := (p.start + p.end) / 2; at < p.end && ws < 0; {
			i := strings.IndexFunc(text[at:p.end], unicode.IsLetter)
			if i < 0 {
				break
			}
			j := strings.IndexFunc(text[at+i:p.end], func(r rune) bool { return !unicode.IsLetter(r) })
			if j < 0 {
				j = p.end - at - i
			}
			if utf8.RuneCountInString(text[at+i:at+i+j]) >= 5 {
				ws, we = at+i, at+i+j
			}
			at += i + j
		}
		if ws < 0 {
			t.Fatalf("no long word in the second half of paragraph %q", text[p.start:p.end])
		}
		word := []rune(text[ws:we])
		word[1], word[2] = word[2], word[1]
		edits = append(edits, edit{span{ws, we}, string(word)})
	}
	const lead = "Editor's note: this article was updated with reactions from the region.\n\n"
	newText := lead + applyEdits(text, edits)
	rewordedNew := strings.Index(newText, strings.Join(w, " "))
	if rewordedNew < 0 {
		t.Fatal("reworded sentence missing from the updated text")
	}

	results := ReattachAll(newText, targets)
	want := []Status{Anchored, Orphaned, Moved, Anchored, Anchored}
	for i, r := range results {
		t.Logf("highlight %d: %s, score %.3f, %d runes", i+1, r.Status, r.Score, utf8.RuneCountInString(targets[i].Exact))
		if r.Status != want[i] {
			t.Errorf("highlight %d: status %s (score %.3f), want %s", i+1, r.Status, r.Score, want[i])
			continue
		}
		// Scores may differ: ReattachAll expects a target shifted like its
		// predecessor, Reattach at its old offset.
		if one := Reattach(newText, targets[i]); one.Start != r.Start || one.End != r.End || one.Status != r.Status {
			t.Errorf("highlight %d: Reattach %+v differs from ReattachAll %+v", i+1, one, r)
		}
		switch r.Status {
		case Anchored:
			if got := newText[r.Start:r.End]; got != targets[i].Exact {
				t.Errorf("highlight %d: found %q, want %q", i+1, got, targets[i].Exact)
			}
		case Moved:
			// The whole reworded paragraph.
			wantText := newText[rewordedNew-(sent.start-reworded.start) : rewordedNew+len(strings.Join(w, " "))+(reworded.end-sent.end)]
			if got := newText[r.Start:r.End]; got != wantText {
				t.Errorf("highlight %d: found %q, want the reworded paragraph %q", i+1, got, wantText)
			}
			if r.Score < MinScore || r.Score >= 1 {
				t.Errorf("highlight %d: score %.3f, want in [%.2f, 1)", i+1, r.Score, MinScore)
			}
		}
	}

	// Code-point offsets of the results survive the round trip.
	o := NewOffsets(newText)
	for i, r := range results {
		rs, re := RuneOffset(newText, r.Start), RuneOffset(newText, r.End)
		if rs != o.Rune(r.Start) || re != o.Rune(r.End) || ByteOffset(newText, rs) != r.Start || o.Byte(re) != r.End {
			t.Errorf("highlight %d: offsets %d-%d do not round-trip through code points %d-%d", i+1, r.Start, r.End, rs, re)
		}
	}
	if o.Len() == len(newText) || !utf8.ValidString(newText) {
		t.Error("sample article should be valid, non-ASCII UTF-8")
	}
}

// TestFindQuote_SampleArticle types quotes the way a user would: ordinary
// spaces for no-break spaces, a hyphen for a dash, and a space the
// extracted text lacks.
func TestFindQuote_SampleArticle(t *testing.T) {
	text := loadSample(t)
	// Two words either side of each of the first two no-break spaces and
	// of the first em dash, typed with ASCII.
	var quotes []string
	var marks []int
	for _, sep := range []string{"\u00a0", "—"} {
		from := 0
		for range 2 {
			i := strings.Index(text[from:], sep)
			if i < 0 {
				break
			}
			i += from
			before := strings.Fields(text[max(0, i-60):i])
			after := strings.Fields(text[i+len(sep) : min(len(text), i+len(sep)+60)])
			if len(before) < 2 || len(after) < 2 {
				t.Fatalf("too little text around %q at %d", sep, i)
			}
			ascii := map[string]string{"\u00a0": " ", "—": " - "}[sep]
			typed := strings.Join(before[1:], " ") + ascii + strings.Join(after[:1], " ")
			typed = strings.ReplaceAll(typed, "\u00a0", " ")
			quotes, marks = append(quotes, typed), append(marks, i)
			from = i + len(sep)
		}
	}
	if len(quotes) < 3 {
		t.Fatalf("sample has too few no-break spaces and dashes: %d", len(quotes))
	}
	for i, q := range quotes {
		start, end, err := FindQuote(text, q, 1)
		if err != nil {
			t.Errorf("FindQuote(%q): %v", q, err)
			continue
		}
		if !(start < marks[i] && marks[i] < end) {
			t.Errorf("FindQuote(%q) = %q, want the passage around offset %d", q, text[start:end], marks[i])
		}
	}
	// The extracted text lacks a space after "drones"; the typed quote
	// has one and is found by the whitespace-optional fallback.
	start, end, err := FindQuote(text, "Russian reconnaissance drones was", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := text[start:end]; strings.Count(got, " ") != 2 || !strings.HasSuffix(got, "was") {
		t.Errorf("found %q, want the passage with the missing space", got)
	}
}
