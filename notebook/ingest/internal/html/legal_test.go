package html

import (
	"testing"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
)

func TestIsLegalNotice(t *testing.T) {
	tests := []struct {
		text string
		late bool
		want bool
	}{
		{"© 2024 Harbour Wire. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.", true, true},
		{"Copyright 2024 Harbour Wire. Republication or redistribution of its content is expressly prohibited without its prior written consent.", true, true},
		{"The Courier is not responsible for the content of external internet sites.", true, true},
		{"The opinions expressed in reader comments are those of their authors and do not necessarily reflect the views of the Courier.", true, true},
		{"© Harbour Wire 2024. Alle Rechte vorbehalten.", false, true},
		{"Tous droits réservés.", true, true},
		// Article text that speaks of copyright is not a notice.
		{"The court ruled that the band had not copied the song, and that the copyright 2019 claim brought by the estate was unfounded in every respect.", false, false},
		{"Lawyers for the paper argued that all rights reserved by the contract had lapsed when the owner died, and the judge agreed with them after a long hearing that ran into the evening.", false, false},
	}
	for _, tt := range tests {
		b := block{Block: draft.Block{Text: tt.text}}
		if got := isLegalNotice(b, tt.late); got != tt.want {
			t.Errorf("isLegalNotice(%q, late=%v) = %v, want %v", tt.text, tt.late, got, tt.want)
		}
	}
}
