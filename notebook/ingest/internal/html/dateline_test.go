package html

import "testing"

func TestIsMetaLine(t *testing.T) {
	const title = "Ferry fares rise for the third time"
	tests := []struct {
		line string
		want bool
	}{
		{"Nov. 20, 2019, 9:28 AM UTC", true},
		{"Harbour Wire - January 11, 2008 4:13 PM ET", true},
		{"Published 4:00 am CST, Wednesday, March 4", true},
		{"Last updated at 7:40 AM on 30/12/07", true},
		{"Posted : Thu, 10 Jan 2008 14:25:06 GMT", true},
		{"Tom Ellis in Rio de Janeiro / Thursday January 10, 2008 / The Courier", true},
		{"Jan 12, 2008 2:04 AM (3 days ago) by Staff, The Examiner", true},
		{"Veröffentlicht am 14.03.2024 um 09:40 Uhr", true},
		{"Publié le 14 mars 2024 à 09h40", true},
		{"Actualizado hace 3 horas", true},
		{"Ferry fares rise for the third time | 14 March 2024", true},
		// Sentences that hold a date are article text.
		{"The vote was moved to March 3, 2008.", false},
		{"He died on January 2, 2008, aged 86, after a long illness.", false},
		{"Am 3. Januar 2008 wählte Hessen einen neuen Landtag.", false},
		{"The ferry leaves at 9:30 every morning.", false},
		// Without a date or time it is no metadata line.
		{"By Ana Ruiz", false},
		{"Updated", false},
	}
	for _, tt := range tests {
		if got := isMetaLine(tt.line, title); got != tt.want {
			t.Errorf("isMetaLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestDropMetaLines(t *testing.T) {
	got := dropMetaLines("Tom Ellis\nThursday January 10, 2008\nThe ferry ran late again on Tuesday.", "")
	if want := "Tom Ellis\nThe ferry ran late again on Tuesday."; got != want {
		t.Errorf("dropMetaLines = %q, want %q", got, want)
	}
	if got := dropMetaLines("March 4, 2024", ""); got != "" {
		t.Errorf("a date alone: %q", got)
	}
}
