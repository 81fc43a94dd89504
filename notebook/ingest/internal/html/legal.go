package html

import (
	"regexp"
	"strings"
)

// Agencies and sites end stories with legal notices ("© 2008 The
// Associated Press. All rights reserved. This material may not be
// published, broadcast, rewritten or redistributed.") and disclaimers
// ("The BBC is not responsible for the content of external sites", "The
// opinions expressed in comments are those of their authors"). They are
// recognised by their wording, in the main languages of the press.

// legalWords matches the wording of a legal notice or disclaimer.
var legalWords = regexp.MustCompile(`(?i)` +
	`all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|alle rechten voorbehouden|wszelkie prawa zastrzeżone|` +
	`may not be (?:re)?(?:published|broadcast|reproduced|redistributed|copied|rewritten)|` +
	`(?:republication|redistribution|reproduction|copying)\b[^.]{0,120}\b(?:prohibited|without (?:the )?(?:prior )?(?:written )?(?:consent|permission))|` +
	`not (?:be )?(?:held )?responsible for the content|nicht verantwortlich für (?:den )?inhalt|n'est pas responsable du contenu|no (?:se )?(?:hace )?responsable (?:de|del) (?:los )?contenidos?|` +
	`(?:opinions?|views?) expressed (?:in|by|here)|(?:do|does) not necessarily (?:reflect|represent)|` +
	`is a (?:registered )?trade ?mark of|are (?:registered )?trade ?marks of|` +
	`(?:^|\s)©\s*(?:copyright\s*)?(?:\d{4}|[\p{Lu}])|\bcopyright\s*(?:©|\(c\))?\s*\d{4}|\(c\)\s*\d{4}`)

// legalMaxWords is the longest paragraph taken for a legal notice.
const legalMaxWords = 90

// isLegalNotice reports whether a paragraph is a legal notice or
// disclaimer: its wording says so and it is short. Near the end of the
// text (late), where they stand, two clauses of notice suffice; elsewhere
// the paragraph must be short and start with the notice.
func isLegalNotice(b block, late bool) bool {
	words := b.words()
	if words > legalMaxWords {
		return false
	}
	if !legalHint(b.Text) {
		return false
	}
	m := legalWords.FindAllStringIndex(b.Text, 3)
	switch {
	case len(m) == 0:
		return false
	case late:
		return len(m) >= 2 || words <= 30
	default:
		return words <= 30 && m[0][0] <= 3
	}
}

// legalCues are pieces of every legal wording legalWords matches, lower
// case: a paragraph without any of them is no notice, and the costly
// pattern is not run on it.
var legalCues = []string{"reserv", "rechte", "droits", "derechos", "diritti", "direitos", "rechten", "prawa",
	"may not be", "republication", "redistribution", "reproduction", "copying", "responsib", "verantwortlich", "responsable",
	"expressed", "necessarily", "trade", "©", "copyright", "(c)"}

// legalHint reports whether a text holds one of the legalCues.
func legalHint(t string) bool {
	t = strings.ToLower(t)
	for _, c := range legalCues {
		if strings.Contains(t, c) {
			return true
		}
	}
	return false
}
