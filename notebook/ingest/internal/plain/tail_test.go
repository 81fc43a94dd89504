package plain

import (
	"slices"
	"testing"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
)

func TestTrimTail(t *testing.T) {
	const prose = "The council met on Tuesday evening and agreed, after a long debate, to keep the ferry running through the winter months."
	body := func(s string) draft.Block { return draft.Block{Text: s, Kind: draft.Body} }
	tests := []struct {
		name string
		in   []draft.Block
		want int // blocks kept
	}{
		{"editing credit", []draft.Block{body(prose), body("Edited by: Nadia Ferreira")}, 1},
		{"teaser title then credit", []draft.Block{body(prose), body("Harbour towns - Life on the ferry"), body("Edited by: Nadia Ferreira")}, 1},
		{"agency credits in brackets", []draft.Block{body(prose), body("(Reporting by Ana Lima; Editing by Tom Hale)")}, 1},
		{"additional reporting", []draft.Block{body(prose), body("Additional reporting by Omar Said in Niamey")}, 1},
		{"German credit", []draft.Block{body(prose), body("Redaktion: Jana Weber")}, 1},
		{"French credit", []draft.Block{body(prose), body("Édité par Luc Martin")}, 1},
		{"Spanish credit", []draft.Block{body(prose), body("Editado por Ana Ruiz")}, 1},
		{"a last sentence stays", []draft.Block{body(prose), body("The ferry leaves at six.")}, 2},
		{"a last question stays", []draft.Block{body(prose), body("What comes next?")}, 2},
		{"a list item stays", []draft.Block{body(prose), {Text: "Ferry timetable", Kind: draft.Item}}, 2},
		{"a caption stays", []draft.Block{body(prose), {Text: "The ferry at dawn", Kind: draft.Caption}}, 2},
		{"a credit-like sentence inside the text stays", []draft.Block{body(prose), body("Edited by: Nadia Ferreira"), body(prose)}, 3},
		{"no prose before: a note of short lines keeps them", []draft.Block{body("Shopping list"), body("Bread and milk")}, 2},
		{"at most three go", []draft.Block{body(prose), body("One more title"), body("Another title"), body("Third title"), body("Edited by: A B")}, 2},
		{"only block", []draft.Block{body("Edited by: Nadia Ferreira")}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := trimTail(slices.Clone(tt.in))
			if len(got) != tt.want || !slices.Equal(got, tt.in[:tt.want]) {
				t.Errorf("kept %q, want the first %d of %q", got, tt.want, tt.in)
			}
		})
	}
}
