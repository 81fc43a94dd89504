package dates

import (
	"strings"
	"testing"
)

func TestForPassage(t *testing.T) {
	article := "Lavrov arrived in Bamako on 7 February. The ministry said a second delivery of helicopters landed on January 19. " +
		"Russian instructors have been there since July 2022, Mr. Diallo said. The talks were held between 2012 and 2014.\n\n" +
		"A new paragraph, with no date at all."
	runes := []rune(article)
	at := func(quote string) (int, int) {
		b := strings.Index(article, quote)
		if b < 0 {
			t.Fatalf("%q not in the article", quote)
		}
		s := len([]rune(article[:b]))
		return s, s + len([]rune(quote))
	}
	for _, c := range []struct {
		quote string
		want  []string
	}{
		// The passage has a date: only it.
		{"a second delivery of helicopters landed on January 19", []string{"on January 19"}},
		// The passage has none: those of its sentence.
		{"a second delivery of helicopters", []string{"on January 19"}},
		{"Russian instructors", []string{"since July 2022"}},
		// "Mr." does not end the sentence.
		{"Diallo said", []string{"since July 2022"}},
		// A date cut by the passage is read whole, with its context.
		{"2014", []string{"between 2012 and 2014"}},
		{"January", []string{"on January 19"}},
		// Two sentences.
		{"helicopters landed on January 19. Russian instructors", []string{"on January 19"}},
		{"The ministry said a second delivery of helicopters landed on January 19. Russian instructors have been there", []string{"on January 19"}},
		// No date in the passage or its sentence.
		{"with no date", nil},
	} {
		s, e := at(c.quote)
		got := ForPassage(article, s, e, wed8Feb, true)
		var ev []string
		for _, x := range got {
			ev = append(ev, x.Evidence)
			if string(runes[x.Start:x.End]) != x.Evidence {
				t.Errorf("ForPassage(%q): offsets [%d,%d) hold %q, evidence %q", c.quote, x.Start, x.End, string(runes[x.Start:x.End]), x.Evidence)
			}
		}
		if strings.Join(ev, "|") != strings.Join(c.want, "|") {
			t.Errorf("ForPassage(%q) = %q, want %q", c.quote, ev, c.want)
		}
	}
}

func TestForPassage_outOfRange(t *testing.T) {
	text := "Signed in 2019."
	for _, c := range [][2]int{{-5, 3}, {10, 1000}, {100, 200}, {7, 2}} {
		got := ForPassage(text, c[0], c[1], wed8Feb, true)
		for _, e := range got {
			if e.Start < 0 || e.End > len([]rune(text)) || e.Start > e.End {
				t.Errorf("ForPassage(%v): bad offsets %d,%d", c, e.Start, e.End)
			}
		}
	}
}
