package date

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	feb8 := day(2023, time.February, 8)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2023-02-08", feb8, true},
		{" 2023/2/8 ", feb8, true},
		{"2023-02-08T14:30:00Z", time.Date(2023, 2, 8, 14, 30, 0, 0, time.UTC), true},
		{"2023-02-08T14:30:00+01:00", time.Date(2023, 2, 8, 13, 30, 0, 0, time.UTC), true},
		{"2023-02-08 14:30", time.Date(2023, 2, 8, 14, 30, 0, 0, time.UTC), true},
		{"Wed, 08 Feb 2023 14:30:00 +0000", time.Date(2023, 2, 8, 14, 30, 0, 0, time.UTC), true},
		{"February 8, 2023", feb8, true},
		{"Feb. 8, 2023", feb8, true},
		{"feb 8 2023", feb8, true},
		{"Feb 8th, 2023", feb8, true},
		{"Sept. 8, 2023", day(2023, time.September, 8), true},
		{"8 February 2023", feb8, true},
		{"8th of February 2023", feb8, true},
		{"08-Feb-2023", feb8, true},
		{"Wednesday, February 8, 2023", feb8, true},
		{"February 8, 2023, 3:45 PM GMT", feb8, true},
		{"8 February 2023 at 10.15 CET", feb8, true},
		{"08.02.2023", feb8, true},
		{"02/08/2023", time.Time{}, false}, // ambiguous: not guessed
		{"13/02/2023", day(2023, time.February, 13), true},
		{"02/13/2023", day(2023, time.February, 13), true},
		{"03/03/2023", day(2023, time.March, 3), true},
		{"February 30, 2023", time.Time{}, false},
		{"31.04.2023", time.Time{}, false},
		{"May 5, 1066", time.Time{}, false},
		{"", time.Time{}, false},
		{"Stronger economic ties", time.Time{}, false},
		{"February 8, 2023 was a Wednesday", time.Time{}, false},
		{"2023", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := Parse(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseDateLine(t *testing.T) {
	feb8 := day(2023, time.February, 8)
	tests := []struct {
		in      string
		want    time.Time
		updated bool
		ok      bool
	}{
		{"February 8, 2023", feb8, false, true},
		{"Published 08.02.2023", feb8, false, true},
		{"Published: 8 February 2023 at 10:15", feb8, false, true},
		{"Published on Feb. 8, 2023", feb8, false, true},
		{"Last updated on 2023-02-08", feb8, true, true},
		{"Feb. 8, 2023 | 4 min read", feb8, false, true},
		{"8 Feb 2023, 10:15 | 3 min read", feb8, false, true},
		{"Date: Wed 8 Feb 2023", feb8, false, true},
		{"Published 08/02/2023", time.Time{}, false, false},
		{"On February 8, 2023, Lavrov arrived in Bamako.", time.Time{}, false, false},
		{"February 8, 2023 saw the minister arrive in Bamako", time.Time{}, false, false},
		{"Isaac Mugabi (with Reuters and AP)", time.Time{}, false, false},
	}
	for _, tt := range tests {
		got, updated, ok := ParseLine(tt.in)
		if ok != tt.ok || updated != tt.updated || !got.Equal(tt.want) {
			t.Errorf("parseDateLine(%q) = %v, %v, %v; want %v, %v, %v", tt.in, got, updated, ok, tt.want, tt.updated, tt.ok)
		}
	}
}

func TestParseMeta(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2023-02-08T09:41:00+01:00", time.Date(2023, 2, 8, 8, 41, 0, 0, time.UTC), true},
		{"2023-02-08T09:41:00.000+0100", time.Date(2023, 2, 8, 8, 41, 0, 0, time.UTC), true},
		{"2023-02-08", time.Date(2023, 2, 8, 0, 0, 0, 0, time.UTC), true},
		{"February 8, 2023", time.Date(2023, 2, 8, 0, 0, 0, 0, time.UTC), true},
		{"1675849260", time.Date(2023, 2, 8, 9, 41, 0, 0, time.UTC), true},
		{"20230208", time.Date(2023, 2, 8, 0, 0, 0, 0, time.UTC), true},
		{"Di., 25.01.2022 - 14:45", time.Date(2022, 1, 25, 0, 0, 0, 0, time.UTC), true},
		{"Wed, 8 February 2023", time.Date(2023, 2, 8, 0, 0, 0, 0, time.UTC), true},
		{"Di., 25.01.2022 - Bericht", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"0001-01-01T00:00:00Z", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseMeta(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseMeta(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
