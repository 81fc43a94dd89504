package dates

import (
	"testing"
	"time"
)

// wed8Feb is the publication date of most table tests: Wednesday 8
// February 2023.
var wed8Feb = time.Date(2023, 2, 8, 15, 30, 0, 0, time.UTC)

// findCase is one table test: the only expression Find should report in
// text, with its evidence, value (as Period.String) and precision.
type findCase struct {
	text, evidence, value string
	prec                  Precision
	rel                   bool
}

func runFind(t *testing.T, pub time.Time, cases []findCase) {
	t.Helper()
	for _, c := range cases {
		got := Find(c.text, pub, true)
		if len(got) != 1 {
			t.Errorf("Find(%q) = %d expressions %v, want 1", c.text, len(got), got)
			continue
		}
		e := got[0]
		if e.Evidence != c.evidence || e.Period.String() != c.value || e.Period.Precision != c.prec || e.Relative != c.rel {
			t.Errorf("Find(%q) = %q %s %s rel=%v, want %q %s %s rel=%v", c.text, e.Evidence, e.Period, e.Period.Precision, e.Relative, c.evidence, c.value, c.prec, c.rel)
		}
		if []rune(c.text)[e.Start] != []rune(e.Evidence)[0] || e.End-e.Start != len([]rune(e.Evidence)) {
			t.Errorf("Find(%q): offsets [%d,%d) do not hold %q", c.text, e.Start, e.End, e.Evidence)
		}
	}
}

func TestFind_absoluteDays(t *testing.T) {
	runFind(t, wed8Feb, []findCase{
		{"Signed on 19 January 2023 in Bamako.", "on 19 January 2023", "2023-01-19", Day, false},
		{"Signed on January 19, 2023, in Bamako.", "on January 19, 2023", "2023-01-19", Day, false},
		{"Signed January 19th 2023.", "January 19th 2023", "2023-01-19", Day, false},
		{"Signed on the 19th of January 2023.", "19th of January 2023", "2023-01-19", Day, false},
		{"It arrived on Jan. 19, officials said.", "on Jan. 19", "2023-01-19", Day, true},
		{"It arrived on 19 Jan, officials said.", "on 19 Jan", "2023-01-19", Day, true},
		{"The file is dated 2023-01-19.", "2023-01-19", "2023-01-19", Day, false},
		{"The file is dated 2023/01/19.", "2023/01/19", "2023-01-19", Day, false},
		{"Dated 19.01.2023 in Vienna.", "19.01.2023", "2023-01-19", Day, false},
		{"Dated 19/01/2023 in Paris.", "19/01/2023", "2023-01-19", Day, false},
		{"Dated 01/19/2023 in Ohio.", "01/19/2023", "2023-01-19", Day, false},
		{"Fighting broke out on Christmas Day 2022.", "on Christmas Day 2022", "2022-12-25", Day, false},
		{"They met on Tuesday, 31 January 2023, in Rome.", "on Tuesday, 31 January 2023", "2023-01-31", Day, false},
		{"It was due on May 5.", "on May 5", "2023-05-05", Day, true},
		{"It happened on Dec. 20, police said.", "on Dec. 20", "2022-12-20", Day, true},
	})
}

func TestFind_absoluteMonthsYears(t *testing.T) {
	runFind(t, wed8Feb, []findCase{
		{"Prices rose in July 2022.", "in July 2022", "2022-07-01..2022-07-31", Month, false},
		{"Prices rose in July of 2022.", "in July of 2022", "2022-07-01..2022-07-31", Month, false},
		{"Prices rose in Sept. 2022.", "in Sept. 2022", "2022-09-01..2022-09-30", Month, false},
		{"The ISO month 2022-07 was hot.", "2022-07", "2022-07-01..2022-07-31", Month, false},
		{"Prices rose in July, traders said.", "in July", "2022-07-01..2022-07-31", Month, true},
		{"The talks resumed in mid-January.", "in mid-January", "2023-01-01..2023-01-31", Month, true},
		{"The mine opened in 2019.", "in 2019", "2019-01-01..2019-12-31", Year, false},
		{"The mine will open by 2030.", "2030", "2030-01-01..2030-12-31", Year, false},
		{"The mine opened in mid-2019.", "in mid-2019", "2019-01-01..2019-12-31", Year, false},
		{"Losses grew in early 2019.", "in early 2019", "2019-01-01..2019-12-31", Year, false},
		{"The 2016 election changed that.", "2016", "2016-01-01..2016-12-31", Year, false},
		{"Growth stalled at the end of 2019.", "2019", "2019-01-01..2019-12-31", Year, false},
		{"2019's harvest was poor.", "2019", "2019-01-01..2019-12-31", Year, false},
		{"Engineers warned in a 2019 report.", "2019", "2019-01-01..2019-12-31", Year, false},
		{"The fraud began as early as 2012.", "2012", "2012-01-01..2012-12-31", Year, false},
		{"Debt soared in the 1990s.", "in the 1990s", "1990-01-01..1999-12-31", Decade, false},
		{"Debt soared in the '90s.", "in the '90s", "1990-01-01..1999-12-31", Decade, false},
		{"Debt soared in the mid-1990s.", "in the mid-1990s", "1990-01-01..1999-12-31", Decade, false},
		{"It rained all through the summer of 2022.", "the summer of 2022", "2022-06-01..2022-08-31", Season, false},
		{"It snowed in winter 2021.", "in winter 2021", "2021-12-01..2022-02-28", Season, false},
		{"Crops failed in the autumn of 2020.", "in the autumn of 2020", "2020-09-01..2020-11-30", Season, false},
	})
}

func TestFind_relative(t *testing.T) {
	runFind(t, wed8Feb, []findCase{
		{"Protesters gathered yesterday.", "yesterday", "2023-02-07", Day, true},
		{"Protesters gather today.", "today", "2023-02-08", Day, true},
		{"Today is the deadline.", "Today", "2023-02-08", Day, true},
		{"The council today discussed the mission.", "today", "2023-02-08", Day, true},
		{"The vote is tomorrow.", "tomorrow", "2023-02-09", Day, true},
		{"The deal was signed the day before yesterday.", "the day before yesterday", "2023-02-06", Day, true},
		{"Shots were heard last night.", "last night", "2023-02-07", Day, true},
		{"The minister arrived on Tuesday.", "on Tuesday", "2023-02-07", Day, true},
		{"The minister arrived on Wednesday.", "on Wednesday", "2023-02-08", Day, true},
		{"The minister arrived Thursday.", "Thursday", "2023-02-02", Day, true},
		{"The minister will arrive on Thursday.", "on Thursday", "2023-02-09", Day, true},
		{"The minister left last Wednesday.", "last Wednesday", "2023-02-01", Day, true},
		{"The minister comes next Monday.", "next Monday", "2023-02-13", Day, true},
		{"The UN spoke last week.", "last week", "2023-01-30..2023-02-05", Week, true},
		{"The UN speaks this week.", "this week", "2023-02-06..2023-02-12", Week, true},
		{"The UN speaks next week.", "next week", "2023-02-13..2023-02-19", Week, true},
		{"Fuel ran out last month.", "last month", "2023-01-01..2023-01-31", Month, true},
		{"Fuel ran out earlier this month.", "earlier this month", "2023-02-01..2023-02-28", Month, true},
		{"Fuel arrives next month.", "next month", "2023-03-01..2023-03-31", Month, true},
		{"Exports fell last year.", "last year", "2022-01-01..2022-12-31", Year, true},
		{"Exports fell late last year.", "late last year", "2022-01-01..2022-12-31", Year, true},
		{"Exports will rise next year.", "next year", "2024-01-01..2024-12-31", Year, true},
		{"The harvest failed last summer.", "last summer", "2022-06-01..2022-08-31", Season, true},
		{"Snow fell this winter.", "this winter", "2022-12-01..2023-02-28", Season, true},
		{"The port closed last July.", "last July", "2022-07-01..2022-07-31", Month, true},
		{"Clashes erupted over the weekend.", "over the weekend", "2023-02-04..2023-02-05", Range, true},
		{"Clashes erupted two years ago.", "two years ago", "2021-01-01..2021-12-31", Year, true},
		{"Clashes erupted 3 days ago.", "3 days ago", "2023-02-05", Day, true},
		{"Clashes erupted a week ago.", "a week ago", "2023-01-30..2023-02-05", Week, true},
		{"Clashes erupted six months ago.", "six months ago", "2022-08-01..2022-08-31", Month, true},
		{"Clashes erupted a decade ago.", "a decade ago", "2013-01-01..2013-12-31", Year, true},
		{"The inquiry opened a year ago this week.", "a year ago this week", "2022-02-07..2022-02-13", Week, true},
		{"The inquiry opened two years ago this month.", "two years ago this month", "2021-02-01..2021-02-28", Month, true},
		{"The court will rule in three weeks.", "in three weeks", "2023-02-27..2023-03-05", Week, true},
	})
}

func TestFind_ranges(t *testing.T) {
	runFind(t, wed8Feb, []findCase{
		{"Held between 2012 and 2014.", "between 2012 and 2014", "2012-01-01..2014-12-31", Range, false},
		{"Held from 2012 to 2014.", "from 2012 to 2014", "2012-01-01..2014-12-31", Range, false},
		{"Held from 2012 until 2014.", "from 2012 until 2014", "2012-01-01..2014-12-31", Range, false},
		{"The 2012-2014 drought.", "2012-2014", "2012-01-01..2014-12-31", Range, false},
		{"The 2012–14 drought.", "2012–14", "2012-01-01..2014-12-31", Range, false},
		{"The 2019/20 season.", "2019/20", "2019-01-01..2020-12-31", Range, false},
		{"Held from January to March 2022.", "from January to March 2022", "2022-01-01..2022-03-31", Range, false},
		{"Held from November to February 2022.", "from November to February 2022", "2021-11-01..2022-02-28", Range, false},
		{"Held January–March 2022.", "January–March 2022", "2022-01-01..2022-03-31", Range, false},
		{"Held between 3 and 5 March 2022.", "between 3 and 5 March 2022", "2022-03-03..2022-03-05", Range, false},
		{"Held on 3-5 March 2022.", "on 3-5 March 2022", "2022-03-03..2022-03-05", Range, false},
		{"Held March 3-5, 2022.", "March 3-5, 2022", "2022-03-03..2022-03-05", Range, false},
		{"Held from 19 January to 2 February.", "from 19 January to 2 February", "2023-01-19..2023-02-02", Range, true},
		{"Held from last year to next year.", "from last year to next year", "2022-01-01..2024-12-31", Range, true},
		{"Stationed there since July 2022.", "since July 2022", "2022-07-01..", Open, false},
		{"Stationed there since 2019.", "since 2019", "2019-01-01..", Open, false},
		{"Stationed there since the 1990s.", "since the 1990s", "1990-01-01..", Open, false},
		{"Stationed there since last year.", "since last year", "2022-01-01..", Open, true},
		{"Stationed there since January 19.", "since January 19", "2023-01-19..", Open, true},
		{"Stationed there from 2019 onwards.", "from 2019 onwards", "2019-01-01..", Open, false},
	})
}

func TestFind_languages(t *testing.T) {
	runFind(t, wed8Feb, []findCase{
		{"Am 19. Januar 2023 unterzeichnet.", "19. Januar 2023", "2023-01-19", Day, false},
		{"Seit März 2022 geschlossen.", "März 2022", "2022-03-01..2022-03-31", Month, false},
		{"Im Jänner 2021 geschlossen.", "Jänner 2021", "2021-01-01..2021-01-31", Month, false},
		{"Signé le 1er mars 2022.", "1er mars 2022", "2022-03-01", Day, false},
		{"Signé le 15 août 2022.", "15 août 2022", "2022-08-15", Day, false},
		{"Publié en févr. 2022.", "févr. 2022", "2022-02-01..2022-02-28", Month, false},
		{"Firmado el 19 de enero de 2023.", "19 de enero de 2023", "2023-01-19", Day, false},
		{"Desde setiembre de 2021.", "setiembre de 2021", "2021-09-01..2021-09-30", Month, false},
		{"Firmato il 3 maggio 2022.", "3 maggio 2022", "2022-05-03", Day, false},
		{"Il governo è caduto nell'agosto 2018.", "nell'agosto 2018", "2018-08-01..2018-08-31", Month, false},
		{"Publié le 3 d’août 2021.", "3 d’août 2021", "2021-08-03", Day, false},
		{"Assinado em 5 de março de 2021.", "5 de março de 2021", "2021-03-05", Day, false},
		{"Getekend op 19 januari 2023.", "19 januari 2023", "2023-01-19", Day, false},
		{"Sinds mrt. 2020 van kracht.", "mrt. 2020", "2020-03-01..2020-03-31", Month, false},
		{"Beslutet fattades den 3 maj 2021.", "3 maj 2021", "2021-05-03", Day, false},
		{"Vedtaget den 2. marts 2023.", "2. marts 2023", "2023-03-02", Day, false},
		{"Signert 15. desember 2022.", "15. desember 2022", "2022-12-15", Day, false},
		{"Hyväksyttiin 19. tammikuuta 2023.", "19. tammikuuta 2023", "2023-01-19", Day, false},
		{"Liittyi huhtikuussa 2023.", "huhtikuussa 2023", "2023-04-01..2023-04-30", Month, false},
		{"Przyjęto 19 stycznia 2023 r.", "19 stycznia 2023", "2023-01-19", Day, false},
		{"Przyjęto w październiku 2022.", "październiku 2022", "2022-10-01..2022-10-31", Month, false},
	})
}

// TestFind_nonDates lists numbers and words that are not dates.
func TestFind_nonDates(t *testing.T) {
	for _, text := range []string{
		"The G7 met in Hiroshima.",
		"The airline ordered 737 jets.",
		"Turnout was 100% in two villages.",
		"Donors pledged $10bn and €2.5bn.",
		"Article 5 of the treaty applies.",
		"COVID-19 cases rose.",
		"The meeting starts at 10 am and ends at 10:30.",
		"The home side won 3-1.",
		"The team won 2-0 on aggregate.",
		"There were 2,000 soldiers and 1,500 police.",
		"The 2000 soldiers were sent home.",
		"A 2000 people marched.",
		"The plant produced 2019 tonnes of copper.",
		"Resolution 2719 was adopted.",
		"A decree dated 08/02/2023 is unclear.",
		"You may go; they march on.",
		"The set was out of date, years ago.",
		"Flight MH370 vanished.",
		"Route 66 is closed for 12 km.",
		"He scored 19 points in 31 minutes.",
		"The Mars rover landed.",
		"Decades ago, things were different.",
		"The last time he spoke, he said nothing.",
		"In recent years, growth slowed.",
		"Hip hop today is smart, and the Africa of today has changed.",
		"He is 45 years old.",
		"Section 1.2.3 of the report.",
		"Call 0800 123 4567 for help.",
		"Boeing 787-9 jets were grounded.",
		"A score of 6-4, 7-5 ended the final.",
		"The Pentium 4 chip.",
		"Temperatures of 45C were recorded in 12 towns.",
	} {
		if got := Find(text, wed8Feb, true); len(got) > 0 {
			t.Errorf("Find(%q) = %q %s, want no date", text, got[0].Evidence, got[0].Period)
		}
	}
}

// TestFind_pubUnknown: relative expressions are reported unresolved,
// absolute ones resolved.
func TestFind_pubUnknown(t *testing.T) {
	got := Find("On Tuesday the plant that had been closed since 12 March 2021 reopened, as it did last year and on June 12.", time.Time{}, false)
	want := []struct {
		evidence string
		resolved bool
	}{{"On Tuesday", false}, {"since 12 March 2021", true}, {"last year", false}, {"on June 12", false}}
	if len(got) != len(want) {
		t.Fatalf("got %d expressions %v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		if got[i].Evidence != w.evidence || got[i].Resolved() != w.resolved || !w.resolved && !got[i].Relative {
			t.Errorf("expression %d = %q resolved %v relative %v, want %q resolved %v", i, got[i].Evidence, got[i].Resolved(), got[i].Relative, w.evidence, w.resolved)
		}
		if !w.resolved && (got[i].Period != Period{}) {
			t.Errorf("%q: unresolved expression has period %v", w.evidence, got[i].Period)
		}
	}
}

// TestFind_offsets: offsets are code points of the text given.
func TestFind_offsets(t *testing.T) {
	text := "Ça a commencé — «vraiment» — le 1er mars 2022, et depuis 2019."
	got := Find(text, wed8Feb, true)
	if len(got) != 1 {
		t.Fatalf("got %v", got)
	}
	r := []rune(text)
	if string(r[got[0].Start:got[0].End]) != got[0].Evidence || got[0].Evidence != "1er mars 2022" {
		t.Errorf("offsets [%d,%d) = %q, evidence %q", got[0].Start, got[0].End, string(r[got[0].Start:got[0].End]), got[0].Evidence)
	}
}

// TestFind_yearInference: dates without a year near the turn of the year
// and with future or past cues.
func TestFind_yearInference(t *testing.T) {
	jan5 := time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)
	runFind(t, jan5, []findCase{
		{"The strike began on Dec. 28.", "on Dec. 28", "2023-12-28", Day, true},
		{"The strike began on December 28.", "on December 28", "2023-12-28", Day, true},
		{"Talks will resume on January 20.", "on January 20", "2024-01-20", Day, true},
		{"The union will vote in December.", "in December", "2024-12-01..2024-12-31", Month, true},
		{"The union voted in December.", "in December", "2023-12-01..2023-12-31", Month, true},
		{"New rules apply from New Year's Day.", "New Year's Day", "2024-01-01", Day, true},
	})
	dec20 := time.Date(2023, 12, 20, 0, 0, 0, 0, time.UTC)
	runFind(t, dec20, []findCase{
		{"The court will sit on January 8.", "on January 8", "2024-01-08", Day, true},
		{"The court sat on January 8.", "on January 8", "2023-01-08", Day, true},
		{"The law takes effect in March.", "in March", "2023-03-01..2023-03-31", Month, true},
	})
}
