package plain

import (
	"regexp"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
)

// The tail (step 7 at the top of plain.go): what a saved page leaves after
// the article's last paragraph of prose. An editing credit is the page's
// metadata, not the article's text; a short title-like line there is the
// title of a related video or story. The HTML importer drops both as page
// furniture, and so does this one.

// editCredit matches an editing or reporting credit line, as outlets print
// it under a story in the languages the importer knows: "Edited by: Jane
// Doe", "Editing by Jane Doe", "(Reporting by A; Editing by B)",
// "Additional reporting by …", "Redaktion: …", "Édité par …", "Editado
// por …", "A cura di …", "Redactie: …".
var editCredit = regexp.MustCompile(`(?i)^\(?\s*(?:(?:edited|editing|additional\s+reporting|reporting|writing|compiled)\s+by\b|editor\s*:|redaktion\s*:|redigiert\s+von\b|bearbeitet\s+von\b|[ée]dit[ée]\s+par\b|[ée]dition\s*:|editado\s+por\b|edici[óo]n\s*:|edi[çc][ãa]o\s*:|a\s+cura\s+di\b|redactie\s*:|redakcja\s*:)`)

// maxTailBlocks bounds how many trailing blocks the tail rule may drop.
const maxTailBlocks = 3

// trimTail drops, from the end of blocks, editing credits and short
// title-like body lines that follow the last paragraph of prose (at most
// maxTailBlocks of them). A text with no prose before them is left as it
// is.
func trimTail(blocks []draft.Block) []draft.Block {
	end := len(blocks)
	for dropped := 0; dropped < maxTailBlocks && end > 1; dropped++ {
		b := blocks[end-1]
		if b.Kind != draft.Body || !(isEditCredit(b.Text) || isTeaserTitle(b.Text)) {
			break
		}
		end--
	}
	if end == len(blocks) {
		return blocks
	}
	// Only after prose: a note of short lines keeps them all.
	for i := end - 1; i >= 0; i-- {
		if blocks[i].Kind == draft.Body && isProse(blocks[i].Text) {
			return blocks[:end]
		}
	}
	return blocks
}

// isEditCredit reports whether a line is an editing or reporting credit
// of at most 200 bytes.
func isEditCredit(s string) bool {
	return len(s) <= 200 && editCredit.MatchString(s)
}

// isTeaserTitle reports whether a line reads as a title rather than text:
// at most ten words, starting with a capital letter or digit, without
// final punctuation (see isHeadingLike).
func isTeaserTitle(s string) bool {
	return len(strings.Fields(s)) <= 10 && isHeadingLike(s)
}
