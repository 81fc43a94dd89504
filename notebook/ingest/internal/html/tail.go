package html

import (
	"regexp"
	"strings"
)

// Sites end many articles with a section that is not part of them: "Related
// stories", "Mehr zum Thema", "Lire aussi" and a list of links, and scatter
// one-line prompts ("Share this article", "Print recipe", "Back to the
// overview") through the text. Extractors keep some of them because they
// sit inside the article's container. These two patterns recognise them in
// the main languages of the press, as whole short paragraphs only.
var (
	// relatedHeading matches the heading of a related-links section.
	relatedHeading = regexp.MustCompile(`(?i)^(?:` +
		// English
		`related(?: (?:stories|articles|coverage|content|posts|links|reading|topics))?|more (?:on|about|from|stories|news|coverage)\b.*|more (?:\S+ ){1,3}(?:news|stories|headlines|coverage|articles|videos)|read (?:more|also|next)\b.*|see also|further reading|recommended(?: (?:for you|stories|reading))?|you (?:may|might) also (?:like|be interested in)|most (?:read|popular|viewed)|(?:top|latest) stories|` +
		// German
		`mehr (?:aus|vom) \S+(?: \S+)?|mehr (?:zum thema|zu(?:m)? \S+.*|informationen|infos|themen|artikel|beiträge|news)|verwandte (?:artikel|beiträge|themen)|auch interessant|(?:das )?(?:könnte|dürfte) (?:sie|dich) auch interessieren|(?:das )?thema könnte (?:sie|dich) auch interessieren|weiterführende(?:r)? (?:links?|informationen|artikel)|weitere (?:artikel|beiträge|informationen|infos|themen|nachrichten|meldungen|links|tipps|\S+tipps)\b.*|zum weiterlesen|weiterlesen|siehe auch|lesen sie auch|lies auch|auch lesenswert|schon gelesen|meistgelesen(?:e)?(?: artikel)?|empfehlungen(?: der redaktion)?|noch mehr\b.*|beiträge zum thema|entdecke weitere\b.*|` +
		// French, Spanish, Italian, Portuguese, Dutch, Polish
		`plus d'(?:actualités|articles|infos)\b.*|más noticias\b.*|mais notícias\b.*|altre notizie\b.*|meer nieuws\b.*|więcej wiadomości\b.*|mehr (?:\S+-)?nachrichten\b.*|` +
		`(?:à )?lire aussi|voir aussi|sur le même sujet|à lire également|leer más|lee también|te puede interesar|ver también|noticias relacionadas|leggi anche|potrebbe interessarti|articoli correlati|leia também|veja também|notícias relacionadas|lees ook|zie ook|meer over\b.*|czytaj (?:także|też|więcej)|zobacz (?:też|także)|polecamy` +
		`)\s*[:.!?…]*$`)

	// promptLine matches a one-line prompt that is not article text.
	promptLine = regexp.MustCompile(`(?i)^[«‹<←↑\s]*(?:` +
		`share(?: (?:this|on \S+|the article|this (?:article|story|post)))?|print(?: (?:this|recipe|article))?|back(?: to (?:top|overview|the list|\S+(?: \S+)?))?|` +
		`advertisement|advert|sponsored(?: content)?|anzeige|werbung|publicité|publicidad|pubblicità|reklama|` +
		`\d+\s*min(?:ute)?s? read|` +
		`(?:diesen |den )?artikel (?:teilen|drucken)(?:/\S+)?|(?:möchten sie|jetzt) (?:den|diesen) artikel teilen|artikel gefallen\?.*teilen|teilen|drucken|rezept drucken|zurück(?: zur (?:übersicht|listenansicht|liste|startseite))?|zur übersicht|nach oben|lade weitere inhalte|quellen (?:ausblenden|einblenden|anzeigen)|permalien|permalink|` +
		`partager(?: cet article)?|imprimer|compartir|imprimir|condividi|stampa|delen|udostępnij` +
		`)\s*[:.!?…»›>→]*$`)
)

// headlineMaxWords is the longest a teaser headline may be.
const headlineMaxWords = 25

// sentenceEnd matches the end of a sentence, which teaser headlines
// lack: ".", "!", "?", "…", ":" or ";", perhaps before a closing quote.
var sentenceEnd = regexp.MustCompile(`[.!?…:;]["'”’»)]*$`)

// headlineLike reports whether a block reads like a teaser headline in
// a list of links rather than a paragraph of the article.
func headlineLike(b block) bool {
	t := strings.TrimSpace(b.Text)
	return len(strings.Fields(t)) <= headlineMaxWords && !sentenceEnd.MatchString(t)
}

// trimTail drops one-line prompts anywhere in the article and
// related-links boxes in its second half: a short heading from
// relatedHeading and the teaser headlines that follow it. A box at the
// end goes with everything after it; a box inside the text (sites put
// "Read also" boxes between paragraphs) goes alone, and the paragraphs
// after it stay. A heading followed directly by a paragraph is kept: it
// may be the article's own "See also" with text.
func trimTail(blocks []block) []block {
	out := blocks[:0]
	for _, b := range blocks {
		if len(strings.Fields(b.Text)) <= 8 && promptLine.MatchString(strings.TrimSpace(b.Text)) {
			continue
		}
		out = append(out, b)
	}
	blocks = out
	for i := max(len(blocks)/2, 1); i < len(blocks); i++ {
		t := strings.TrimSpace(blocks[i].Text)
		if len(strings.Fields(t)) > 10 || !relatedHeading.MatchString(t) {
			continue
		}
		j := i + 1
		for j < len(blocks) && headlineLike(blocks[j]) {
			j++
		}
		switch {
		case j == len(blocks):
			return blocks[:i]
		case j > i+1:
			blocks = append(blocks[:i], blocks[j:]...)
			i--
		}
	}
	return blocks
}
