package html

import (
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
)

func TestIsSignup(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Breaking News Emails", true},
		{"Get breaking news alerts and special reports. The stories that matter, delivered weekday mornings.", true},
		{"SUBSCRIBE", true},
		{"Sign up for our morning briefing", true},
		{"The best of the week, delivered to your inbox every Friday.", true},
		{"By signing up, you agree to our privacy policy.", true},
		{"Jetzt kostenlos Newsletter abonnieren", true},
		{"Inscrivez-vous à notre lettre d'information", true},
		{"Suscríbete a nuestro boletín", true},
		{"Iscriviti alla newsletter", true},
		{"Meld je aan voor de nieuwsbrief", true},
		{"Zapisz się do newslettera", true},
		// Article sentences about subscriptions and e-mail stay.
		{"Fewer readers subscribe to printed papers each year, the survey found.", false},
		{"The council said residents would get alerts by e-mail when the river rises, and the first test message went out on Monday to about four thousand homes in the valley.", false},
		{"She signed up for the army at eighteen.", false},
	}
	for _, tt := range tests {
		if got := isSignup(tt.text); got != tt.want {
			t.Errorf("isSignup(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestIsGalleryChrome(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Image 1 of 9", true},
		{"1 / 9", true},
		{"Bild 3 von 12", true},
		{"Photo 2 sur 7", true},
		{"Caption", true},
		{"Close", true},
		{"Next image ›", true},
		{"« Previous", true},
		{"View all 24 photos", true},
		{"Fullscreen", true},
		{"Schließen", true},
		{"Cerrar", true},
		// Text that only starts like a button stays.
		{"Close to the harbour, the ferry waited.", false},
		{"Next year the council will vote again.", false},
		{"3 of 9 councillors voted against the plan.", false},
	}
	for _, tt := range tests {
		if got := isGalleryChrome(tt.text); got != tt.want {
			t.Errorf("isGalleryChrome(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestIsOnSiteTeaser(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"On Harbourtimes.example: Ferry fares rise for the third time", true},
		{"Auf wetter.example.de: Sturmwarnung für die Küste", true},
		{"Sur meteo.example.fr : alerte orages dans le sud", true},
		{"On Tuesday: the council meets again", false},                                // not a site
		{"On harbourtimes.example: the fares rose again and nobody knew why.", false}, // a sentence
	}
	for _, tt := range tests {
		b := block{Block: draft.Block{Text: tt.text}}
		if got := isOnSiteTeaser(b); got != tt.want {
			t.Errorf("isOnSiteTeaser(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestIsCredit_agency(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Ana Ruiz | Harbour Press | Getty Images", true},
		{"Tom Ellis / Reuters file", true},
		{"Ana Ruiz/AFP via Getty Images", true},
		{"Tom Ellis / AP Photo", true},
		{"Kai Berg | dpa", true},
		{"Ferry fares / Reuters report", false},
		{"Ana Ruiz said the pier would reopen / Reuters", false},
	}
	for _, tt := range tests {
		if got := isCredit(tt.text); got != tt.want {
			t.Errorf("isCredit(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// blocksOfLines returns blocks made of lines (a line starting
// with "Q " is a quotation, "C " a caption).
func blocksOfLines(lines ...string) []block {
	var out []block
	for _, l := range lines {
		b := block{Block: draft.Block{Text: l}}
		switch {
		case strings.HasPrefix(l, "Q "):
			b.Kind, b.Text = draft.Quote, l[2:]
		case strings.HasPrefix(l, "C "):
			b.Kind, b.Text = draft.Caption, l[2:]
		}
		out = append(out, b)
	}
	return out
}

// textsOf returns the texts of blocks.
func textsOf(bs []block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Text)
	}
	return out
}

func TestDropRepeats(t *testing.T) {
	para := "The ferry left the harbour at dawn with forty passengers on board."
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"a gallery repeats its caption for each slide",
			[]string{"C The quay at dawn, seen from the pier", para, "C The quay at dawn, seen from the pier", "C The quay at dawn, seen from the pier"},
			[]string{"The quay at dawn, seen from the pier", para}},
		{"a pull quote repeats a paragraph",
			[]string{para, "Q " + para, "The crossing took two hours."},
			[]string{para, "The crossing took two hours."}},
		{"a command given twice stays",
			[]string{"$ git config --edit --local", "Then the other one:", "$ git config --edit --local"},
			[]string{"$ git config --edit --local", "Then the other one:", "$ git config --edit --local"}},
		{"short repeated captions stay", []string{"C Dawn", para, "C Dawn"}, []string{"Dawn", para, "Dawn"}},
	}
	for _, tt := range tests {
		got := textsOf(dropRepeats(blocksOfLines(tt.in...)))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s:\n got  %q\n want %q", tt.name, got, tt.want)
		}
	}
}

func TestDropTeaserPairs(t *testing.T) {
	para := "The ferry left the harbour at dawn with forty passengers on board."
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"teasers after the story",
			[]string{para, para, "POLITICS", "Senate passes the harbour budget", "WORLD CUP 2026", "Coach names squad for opener"},
			[]string{para, para}},
		{"teasers between paragraphs",
			[]string{para, "BUSINESS", "Fuel prices fall again", "SPORT", "Rovers sign young keeper", para},
			[]string{para, para}},
		{"one pair at the end goes", []string{para, para, "MORE NEWS", "Storm closes the pier"}, []string{para, para}},
		{"one pair inside the article stays (its own section)",
			[]string{para, "THE VOTE", "What the council decided", para},
			[]string{para, "THE VOTE", "What the council decided", para}},
		{"capitals over a sentence stay",
			[]string{para, "UPDATE", "The ferry returned safely at noon.", "NOTE", "Times are local."},
			[]string{para, "UPDATE", "The ferry returned safely at noon.", "NOTE", "Times are local."}},
	}
	for _, tt := range tests {
		got := textsOf(dropTeaserPairs(blocksOfLines(tt.in...)))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s:\n got  %q\n want %q", tt.name, got, tt.want)
		}
	}
}

func TestDropContactTail(t *testing.T) {
	para := "The ferry left the harbour at dawn with forty passengers on board."
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"e-mail and handle lines at the end go",
			[]string{para, para, "Contact Ana Ruiz at aruiz@harbour.example.", "Follow her on X: @anaruiz"},
			[]string{para, para}},
		{"a reporter's note with an address goes",
			[]string{para, "Tom Ellis covers transport for the paper. Write to him at tellis@harbour.example or call 555-0100."},
			[]string{para}},
		{"an address inside the story stays",
			[]string{"Readers can send questions to ferry@harbour.example.", para},
			[]string{"Readers can send questions to ferry@harbour.example.", para}},
		{"a long paragraph with an address at the end stays",
			[]string{para, strings.Repeat("The board will publish its findings next spring. ", 5) + "Comments go to board@harbour.example."},
			[]string{para, strings.Repeat("The board will publish its findings next spring. ", 5) + "Comments go to board@harbour.example."}},
	}
	for _, tt := range tests {
		got := textsOf(dropContactTail(blocksOfLines(tt.in...)))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s:\n got  %q\n want %q", tt.name, got, tt.want)
		}
	}
}

// TestParse_galleryCaptionOnce checks on a whole page that a caption a
// gallery repeats for each slide is kept once, as a caption.
func TestParse_galleryCaptionOnce(t *testing.T) {
	d, err := Parse(nil, "news-furniture.html", fixture(t, "news-furniture.html"))
	if err != nil {
		t.Fatal(err)
	}
	const caption = "Passengers wait on the quay at the outer islands on a grey morning."
	if n := strings.Count(d.Text, caption); n != 1 {
		t.Fatalf("the slide caption occurs %d times in\n%s", n, d.Text)
	}
	for i, p := range strings.Split(d.Text, "\n\n") {
		if p == caption && d.Kinds[i] != draft.Caption {
			t.Errorf("the slide caption is a %v paragraph, want a caption", d.Kinds[i])
		}
	}
}
