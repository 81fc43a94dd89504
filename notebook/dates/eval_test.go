package dates

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// evalCase is one sentence of testdata/news.txt with its expected dates.
type evalCase struct {
	line      int
	text      string
	pub       time.Time
	pubKnown  bool
	expected  []evalWant
	evidences map[string]bool
}

// evalWant is one expected date expression.
type evalWant struct {
	evidence   string
	start, end int // code points
	period     Period
	rel        bool
}

// loadEval reads an evaluation file of testdata (the format is described
// at the top of news.txt).
func loadEval(t testing.TB, name string) []evalCase {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []evalCase
	var pub time.Time
	known := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "@ "):
			v := strings.TrimSpace(line[2:])
			if v == "unknown" {
				pub, known = time.Time{}, false
				continue
			}
			p, err := time.Parse(time.DateOnly, v)
			if err != nil {
				t.Fatalf(name+":%d: %v", n, err)
			}
			pub, known = p, true
		case strings.HasPrefix(line, "> "):
			cases = append(cases, evalCase{line: n, text: line[2:], pub: pub, pubKnown: known})
		case strings.HasPrefix(line, "= "):
			if len(cases) == 0 {
				t.Fatalf(name+":%d: expectation before any sentence", n)
			}
			c := &cases[len(cases)-1]
			w, err := parseWant(c.text, line[2:])
			if err != nil {
				t.Fatalf(name+":%d: %v", n, err)
			}
			c.expected = append(c.expected, w)
		case line == "" || strings.HasPrefix(line, "#"):
		default:
			t.Fatalf(name+":%d: unknown line %q", n, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// parseWant reads "evidence | value | precision [| rel]".
func parseWant(text, spec string) (evalWant, error) {
	f := strings.Split(spec, "|")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	if len(f) < 3 || len(f) > 4 || len(f) == 4 && f[3] != "rel" {
		return evalWant{}, fmt.Errorf("want 'evidence | value | precision [| rel]', got %q", spec)
	}
	w := evalWant{evidence: f[0], rel: len(f) == 4}
	b := strings.Index(text, w.evidence)
	if b < 0 {
		return evalWant{}, fmt.Errorf("evidence %q not in %q", w.evidence, text)
	}
	w.start = utf8.RuneCountInString(text[:b])
	w.end = w.start + utf8.RuneCountInString(w.evidence)
	if f[1] == "?" {
		return w, nil
	}
	from, to, isRange := strings.Cut(f[1], "..")
	a, err := Parse(from)
	if err != nil {
		return evalWant{}, err
	}
	w.period = Period{Start: a.Start, End: a.End, Precision: Precision(f[2])}
	if isRange {
		w.period.End = time.Time{}
		if to != "" {
			b, err := Parse(to)
			if err != nil {
				return evalWant{}, err
			}
			w.period.End = b.End
		}
	}
	return w, nil
}

// TestFind_evaluation runs Find on the sentences of testdata/news.txt
// (the development set, written with the grammar) and
// testdata/heldout.txt (written after it and run once) and measures, for
// each: the share of expected expressions found with the right value and
// precision (recall), the share of reported expressions that are real date
// expressions (precision), and the shares with the right evidence and
// Relative flag.
func TestFind_evaluation(t *testing.T) {
	for _, name := range []string{"news.txt", "heldout.txt", "heldout2.txt"} {
		t.Run(strings.TrimSuffix(name, ".txt"), func(t *testing.T) {
			cases := loadEval(t, name)
			min := 150
			if name != "news.txt" {
				min = 40
			}
			evaluate(t, name, cases, min)
		})
	}
}

func evaluate(t *testing.T, name string, cases []evalCase, minCases int) {
	var expected, right, rightEvidence, rightRel, reported, real int
	for _, c := range cases {
		found := Find(c.text, c.pub, c.pubKnown)
		reported += len(found)
		for _, f := range found {
			ok := false
			for _, w := range c.expected {
				if f.Start < w.end && f.End > w.start {
					ok = true
				}
			}
			if ok {
				real++
			} else {
				t.Logf("%s:%d: invented %q %s (%s) in %q", name, c.line, f.Evidence, f.Period, f.Period.Precision, c.text)
			}
		}
		for _, w := range c.expected {
			expected++
			var got *Expr
			for i := range found {
				if found[i].Start < w.end && found[i].End > w.start {
					got = &found[i]
					break
				}
			}
			if got == nil {
				t.Logf("%s:%d: missed %q (want %s %s) in %q", name, c.line, w.evidence, w.period, w.period.Precision, c.text)
				continue
			}
			if got.Period.Equal(w.period) {
				right++
			} else {
				t.Logf("%s:%d: %q resolved to %s %s, want %s %s", name, c.line, w.evidence, got.Period, got.Period.Precision, w.period, w.period.Precision)
			}
			if got.Evidence == w.evidence {
				rightEvidence++
			} else {
				t.Logf("%s:%d: evidence %q, want %q", name, c.line, got.Evidence, w.evidence)
			}
			if got.Relative == w.rel {
				rightRel++
			} else {
				t.Logf("%s:%d: %q relative %v, want %v", name, c.line, w.evidence, got.Relative, w.rel)
			}
		}
	}
	if len(cases) < minCases {
		t.Errorf("%d sentences, want at least %d", len(cases), minCases)
	}
	share := func(a, b int) float64 { return float64(a) / float64(max(b, 1)) }
	t.Logf("%d sentences, %d expected expressions, %d reported", len(cases), expected, reported)
	t.Logf("right value and precision: %d/%d = %.1f%%", right, expected, 100*share(right, expected))
	t.Logf("reported that are real:    %d/%d = %.1f%%", real, reported, 100*share(real, reported))
	t.Logf("right evidence:            %d/%d = %.1f%%", rightEvidence, expected, 100*share(rightEvidence, expected))
	t.Logf("right Relative flag:       %d/%d = %.1f%%", rightRel, expected, 100*share(rightRel, expected))
	if share(right, expected) < 0.90 {
		t.Errorf("right value and precision for %.1f%% of the expressions, want ≥ 90%%", 100*share(right, expected))
	}
	if share(real, reported) < 0.98 {
		t.Errorf("%.1f%% of the reported dates are real date expressions, want ≥ 98%%", 100*share(real, reported))
	}
	if share(rightEvidence, expected) < 0.85 {
		t.Errorf("right evidence for %.1f%% of the expressions, want ≥ 85%%", 100*share(rightEvidence, expected))
	}
	if share(rightRel, expected) < 0.90 {
		t.Errorf("right Relative flag for %.1f%% of the expressions, want ≥ 90%%", 100*share(rightRel, expected))
	}
}
