package html

import (
	"regexp"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/date"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
)

// postProcess turns the extractor's paragraphs into the article's: it marks
// captions, drops photo credits and page furniture (furniture.go), removes
// the title, byline and date lines that pages repeat in the text (using
// them as metadata when the markup gave none), drops repeated paragraphs
// and teasers for other stories (furniture_words.go), and cuts what
// follows the story (tail.go) and the reporter's contact lines.
func postProcess(blocks []block, captions map[string]bool, d *draft.Article) []draft.Block {
	// Start at the headline when it appears near the top after nothing but
	// short lines (menu links of a layout table, a kicker).
	if d.Title != "" {
		for i := 0; i < len(blocks) && i < 12; i++ {
			if text.SameText(blocks[i].Text, d.Title) {
				blocks = blocks[i:]
				break
			}
			if len(strings.Fields(blocks[i].Text)) > 6 {
				break
			}
		}
	}
	out := blocks[:0]
	afterSlide := false // the previous paragraph was a gallery's slide counter or button
	for i, b := range blocks {
		if afterSlide && b.Kind != draft.Heading && b.words() <= captionMaxWords {
			b.Kind = draft.Caption // a slide's caption
		}
		afterSlide = isGalleryChrome(b.Text)
		if captions[b.Text] || (b.hint&hintCaption != 0 && b.Kind != draft.Heading && b.words() <= captionMaxWords) {
			b.Kind = draft.Caption
		}
		if b.Kind == draft.Caption && isCredit(b.Text) {
			continue
		}
		if isCredit(b.Text) && b.words() <= 12 {
			continue
		}
		if isFurniture(b) || isLegalNotice(b, i >= len(blocks)*2/3) {
			continue
		}
		if i < 6 && len(out) <= 3 && len(b.Text) <= 200 {
			if d.Title != "" && text.SameText(b.Text, d.Title) {
				continue
			}
			if t, updated, ok := date.ParseLine(b.Text); ok {
				if d.Published.IsZero() && !updated {
					d.Published = t
				}
				continue
			}
			if metaBylinePrefix.MatchString(b.Text) && b.words() <= 12 {
				if name := metaCleanByline(b.Text); name != "" {
					if d.Byline == "" {
						d.Byline = name
					}
					continue
				}
			}
		}
		if b.Kind != draft.Heading {
			if b.Text = dropMetaLines(b.Text, d.Title); b.Text == "" {
				continue
			}
		}
		out = append(out, b)
	}
	out = dropTeaserPairs(dropRepeats(out))
	// A section's kicker in capitals left above the text ("BUSINESS").
	if len(out) > 1 && out[0].Kind != draft.Heading && isKicker(out[0].Text) {
		out = out[1:]
	}
	out = dropContactTail(trimTail(out))
	// Page footers that the extractor kept at the end ("© 2023 …", "Page
	// last updated …").
	for len(out) > 1 {
		last := out[len(out)-1]
		if last.words() > 20 || !footerLine.MatchString(last.Text) {
			break
		}
		out = out[:len(out)-1]
	}
	res := make([]draft.Block, len(out))
	for i, b := range out {
		res[i] = b.Block
	}
	return res
}

// captionMaxWords is the longest paragraph a caption class name makes a
// caption (a longer one is a misnamed container).
const captionMaxWords = 80

// footerLine matches the boilerplate of a page footer.
var footerLine = regexp.MustCompile(`(?i)©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|alle rechte vorbehalten|last (?:updated|modified)|zuletzt aktualisiert|\bimpressum\b|privacy policy|datenschutzerklärung`)
