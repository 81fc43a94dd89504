package dates

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in, want string
		prec     Precision
	}{
		{"2023-01-19", "2023-01-19", Day},
		{"2024-02-29", "2024-02-29", Day},
		{"2023-01", "2023-01-01..2023-01-31", Month},
		{"2023-02", "2023-02-01..2023-02-28", Month},
		{"2023", "2023-01-01..2023-12-31", Year},
		{"1000", "1000-01-01..1000-12-31", Year},
	} {
		p, err := Parse(c.in)
		if err != nil || p.String() != c.want || p.Precision != c.prec {
			t.Errorf("Parse(%q) = %s %s, %v; want %s %s", c.in, p, p.Precision, err, c.want, c.prec)
		}
	}
}

func TestParse_errors(t *testing.T) {
	for _, in := range []string{"", "23", "0000", "0001", "0999", "2023-13", "2023-00", "2023-1", "2023-02-29", "2023-01-32", "2023-01-1", "2023/01/19", "19.01.2023", "2023-01-19T10:00", "abcd", "2023-", "2023-01-", strings.Repeat("9", 100)} {
		if p, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %s, want an error", in, p)
		} else if !strings.Contains(err.Error(), "event date") {
			t.Errorf("Parse(%q): error %q does not say what failed", in, err)
		}
	}
}

func TestPeriod_Contains(t *testing.T) {
	p, _ := Parse("2023-01")
	open := openPeriod(p)
	for _, c := range []struct {
		p    Period
		day  string
		want bool
	}{
		{p, "2023-01-01", true}, {p, "2023-01-31", true}, {p, "2023-02-01", false}, {p, "2022-12-31", false},
		{open, "2030-05-05", true}, {open, "2022-12-31", false}, {Period{}, "2023-01-01", false},
	} {
		d, _ := Parse(c.day)
		if got := c.p.Contains(d.Start.Add(13 * 3600e9)); got != c.want {
			t.Errorf("%s.Contains(%s) = %v, want %v", c.p, c.day, got, c.want)
		}
	}
}

func TestMonthNumber(t *testing.T) {
	for _, c := range []struct {
		word string
		want int
	}{
		{"January", 1}, {"jan.", 1}, {"Jänner", 1}, {"janvier", 1}, {"enero", 1}, {"gennaio", 1}, {"janeiro", 1}, {"januari", 1}, {"tammikuuta", 1}, {"stycznia", 1}, {"STYCZEŃ", 1},
		{"févr.", 2}, {"Feber", 2}, {"lutego", 2}, {"helmikuussa", 2},
		{"März", 3}, {"maerz", 3}, {"mrt", 3}, {"marts", 3}, {"março", 3},
		{"mai", 5}, {"maggio", 5}, {"mei", 5}, {"maj", 5}, {"maja", 5},
		{"août", 8}, {"augusti", 8}, {"sierpnia", 8},
		{"setiembre", 9}, {"Sept.", 9}, {"września", 9}, {"wrzesnia", 9},
		{"października", 10}, {"okt", 10}, {"outubro", 10},
		{"desember", 12}, {"dic", 12}, {"Dezember", 12}, {"joulukuuta", 12},
	} {
		if got, ok := MonthNumber(c.word); !ok || got != c.want {
			t.Errorf("MonthNumber(%q) = %d, %v; want %d", c.word, got, ok, c.want)
		}
	}
	for _, w := range []string{"", "Monday", "januaryy", "13", strings.Repeat("a", 1000)} {
		if got, ok := MonthNumber(w); ok {
			t.Errorf("MonthNumber(%q) = %d, want none", w, got)
		}
	}
}

// TestMonthNumber_coversImporter: every month word of the importer's
// table (notebook/ingest visibleMonths, copied here as it stood) is known,
// with the same month, so the importer can switch to MonthNumber.
func TestMonthNumber_coversImporter(t *testing.T) {
	importer := [12]string{
		"january jan jänner jän januar janvier janv enero ene gennaio gen janeiro januari tammikuuta tammikuu stycznia styczeń",
		"february feb februar feber février fevrier févr fevr febrero febbraio fevereiro fev februari helmikuuta helmikuu lutego luty",
		"march mar märz maerz mrz mär mars marzo março marco maart mrt marts maaliskuuta maaliskuu marca marzec",
		"april apr avril avr abril abr aprile huhtikuuta huhtikuu kwietnia kwiecień",
		"may mai mai mayo maggio mag maio mei maj toukokuuta toukokuu maja",
		"june jun juni juin junio giugno giu junho kesäkuuta kesäkuu czerwca czerwiec",
		"july jul juli juillet juil julio luglio lug julho heinäkuuta heinäkuu lipca lipiec",
		"august aug août aout agosto ago augustus augusti elokuuta elokuu sierpnia sierpień",
		"september sep sept septembre septiembre setiembre settembre set setembro syyskuuta syyskuu września wrzesień",
		"october oct oktober okt octobre octubre ottobre ott outubro out lokakuuta lokakuu października październik",
		"november nov novembre noviembre novembro marraskuuta marraskuu listopada listopad",
		"december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro desember des joulukuuta joulukuu grudnia grudzień",
	}
	for i, list := range importer {
		for _, w := range strings.Fields(list) {
			if got, ok := MonthNumber(w); !ok || got != i+1 {
				t.Errorf("MonthNumber(%q) = %d, %v; want %d", w, got, ok, i+1)
			}
		}
	}
}
