package html

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
)

// Page furniture recognised by its wording and shape, for pages whose
// class names say nothing (furniture.go reads the class names). Each
// pattern matches whole short paragraphs only, in the main languages of
// the press; none names a site.

// signupMaxWords is the longest a sign-up box's paragraph may be.
const signupMaxWords = 30

// signupLine matches the paragraphs of a newsletter or alert sign-up box:
// "Breaking News Emails", "Get breaking news alerts and special reports",
// "Sign up for our morning briefing", "SUBSCRIBE", "delivered to your
// inbox", and their German, French, Spanish, Italian, Portuguese, Dutch
// and Polish forms.
var signupLine = regexp.MustCompile(`(?i)^(?:` +
	// English
	`(?:get|receive|sign up (?:for|to)|subscribe to|join|want)\b.{0,80}\b(?:alerts?|newsletters?|e-?mails?|briefings?|inbox|digest|bulletins?)\b.*|` +
	`sign (?:me )?up(?: now| today| here| for free)?|subscribe(?: now| today| here| for free)?|subscribers? only|` +
	`(?:breaking|daily|morning|evening|weekly|top) (?:news )?(?:e-?mails?|alerts?|newsletters?|briefing)|` +
	`.{0,80}\b(?:delivered|straight|direct(?:ly)?) to your inbox\b.*|.{0,60}\bdelivered (?:weekday|every|each) (?:mornings?|evenings?|days?|weeks?)\b.*|` +
	`enter your e-?mail(?: address)?\b.*|(?:by )?(?:signing up|subscribing),? you agree\b.*|` +
	// German
	`(?:jetzt |hier )?(?:kostenlos(?:en)? )?newsletter (?:abonnieren|bestellen|erhalten)\b.*|(?:jetzt )?(?:zum|für den|unseren) newsletter anmelden\b.*|jetzt (?:kostenlos )?(?:anmelden|abonnieren|registrieren)|` +
	// French
	`(?:inscrivez-vous|abonnez-vous)\b.*|recevez (?:notre|nos|la|les) (?:newsletters?|lettres?|alertes?)\b.*|` +
	// Spanish, Portuguese
	`(?:suscríbete|suscríbase|inscríbete)\b.*|recibe (?:nuestro|nuestra|nuestros|las) (?:boletín|newsletter|alertas)\b.*|(?:inscreva-se|assine a newsletter|receba (?:a|nossa) newsletter)\b.*|` +
	// Italian, Dutch, Polish
	`(?:iscriviti|abbonati)\b.*|ricevi (?:la|le) (?:newsletter|notizie)\b.*|(?:meld je aan|schrijf je in|abonneer je)\b.*|(?:zapisz się|zamów newsletter|subskrybuj)(?:\s.*)?` +
	`)$`)

// isSignup reports whether a paragraph belongs to a sign-up box.
func isSignup(t string) bool {
	return len(strings.Fields(t)) <= signupMaxWords && signupLine.MatchString(strings.TrimSpace(t))
}

// galleryLine matches the chrome of a photo gallery: the slide counter
// ("Image 1 of 9", "Bild 3 von 12", "4 / 9") and its buttons ("Caption",
// "Close", "Next", "Fullscreen", "View gallery"), in the same languages.
var galleryLine = regexp.MustCompile(`(?i)^[‹«<←\s]*(?:` +
	`(?:(?:image|photo|picture|slide|bild|foto|imagen|immagine|afbeelding|zdjęcie)\s*)?\d{1,3}\s*(?:of|von|sur|de|di|van|z|/)\s*\d{1,3}|` +
	`(?:show |hide |toggle )?caption|close(?: gallery| slideshow)?|next(?: (?:image|photo|slide))?|prev(?:ious)?(?: (?:image|photo|slide))?|` +
	`expand|enlarge(?: (?:image|photo))?|full ?screen|view (?:the )?(?:gallery|slideshow|all(?: \d+)? (?:photos|images|pictures))|open (?:the )?gallery|(?:start|play|pause) slideshow|` +
	`schließen|weiter|vor|zurück|vollbild|bildergalerie|galerie (?:öffnen|schließen)|` +
	`fermer|suivant|précédent|agrandir|plein écran|voir la galerie|` +
	`cerrar|siguiente|anterior|ampliar|pantalla completa|ver galería|fechar|próxim[oa]|` +
	`chiudi|successiv[oa]|precedente|ingrandisci|sluiten|volgende|vorige|zamknij|następne|poprzednie` +
	`)\s*[:.›»>→]*$`)

// isGalleryChrome reports whether a paragraph is a gallery's counter or
// button.
func isGalleryChrome(t string) bool {
	return len(strings.Fields(t)) <= galleryMaxWords && galleryLine.MatchString(strings.TrimSpace(t))
}

// galleryMaxWords is the longest a gallery's counter or button may be.
const galleryMaxWords = 6

// onSiteLine matches a teaser line that names another site or section of
// the outlet before a headline: "On Example.com: Ferry fares rise
// again", "Auf example.de: …", "Sur example.fr : …".
var onSiteLine = regexp.MustCompile(`(?i)^(?:on|at|auf|bei|sur|en|su|op|na|em)\s+(?:www\.)?[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.[a-z]{2,10}\s*:\s+\S`)

// isOnSiteTeaser reports whether a paragraph is an "On Site.com:
// headline" teaser.
func isOnSiteTeaser(b block) bool {
	t := strings.TrimSpace(b.Text)
	return b.words() <= headlineMaxWords && onSiteLine.MatchString(t) && !sentenceEnd.MatchString(t)
}

// kickerMaxWords is the longest a teaser's kicker may be.
const kickerMaxWords = 4

// isKicker reports whether a paragraph is a teaser's kicker: a few words
// in capitals ("POLITICS", "WORLD CUP 2026"), no sentence.
func isKicker(t string) bool {
	t = strings.TrimSpace(t)
	if n := len(strings.Fields(t)); n == 0 || n > kickerMaxWords || sentenceEnd.MatchString(t) {
		return false
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 3
}

// dropTeaserPairs removes runs of teasers for other stories set as a
// kicker in capitals over a headline ("BUSINESS" / "Ferry fares rise
// again"): two pairs or more in a row anywhere, or one pair that ends the
// text. One kicker and headline inside the article may be its own
// section heading, and stays.
func dropTeaserPairs(blocks []block) []block {
	out := blocks[:0]
	for i := 0; i < len(blocks); {
		j := i
		for j+1 < len(blocks) && isKicker(blocks[j].Text) && headlineLike(blocks[j+1]) && !isKicker(blocks[j+1].Text) {
			j += 2
		}
		if pairs := (j - i) / 2; pairs >= 2 || pairs == 1 && j == len(blocks) && i > 0 {
			i = j
			continue
		}
		out = append(out, blocks[i])
		i++
	}
	return out
}

// repeatMinWords is the fewest words a caption must have for its
// repeat to be dropped.
const repeatMinWords = 4

// dropRepeats removes a caption or a quotation that repeats an earlier
// paragraph word for word: a gallery repeats its caption for each slide,
// a pull quote repeats a paragraph of the text. Repeated paragraphs of
// other kinds stay (a tutorial may give the same command twice).
func dropRepeats(blocks []block) []block {
	seen := make(map[string]bool, len(blocks))
	out := blocks[:0]
	for _, b := range blocks {
		key := strings.ToLower(strings.Join(strings.Fields(b.Text), " "))
		furniture := b.Kind == draft.Caption || b.Kind == draft.Quote || b.hint&(hintCaption|hintGallery) != 0
		if furniture && b.words() >= repeatMinWords && seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, b)
	}
	return out
}

// contactMaxWords is the longest a reporter's contact line may be.
const contactMaxWords = 30

// contactAddress matches an e-mail address or a social-media handle.
var contactAddress = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:^|[\s(:])@\w{2,30}\b`)

// isContactLine reports whether a short paragraph gives the reporter's
// e-mail address or handle ("Contact Ana Ruiz at aruiz@paper.example",
// "Follow her on X: @anaruiz").
func isContactLine(b block) bool {
	return b.words() <= contactMaxWords && contactAddress.MatchString(b.Text)
}

// dropContactTail removes the contact lines that end an article.
func dropContactTail(blocks []block) []block {
	for len(blocks) > 1 && isContactLine(blocks[len(blocks)-1]) {
		blocks = blocks[:len(blocks)-1]
	}
	return blocks
}

// agencyCredit matches a photo credit of names and an agency without a
// label: "Ana Ruiz | Harbour Press | Getty Images", "Tom Ellis / Reuters
// file", "Ana Ruiz/AFP via Getty Images".
var agencyCredit = regexp.MustCompile(`^\p{Lu}[\p{L}.'-]*(?:\s+(?:\p{Lu}[\p{L}.'-]*|van|von|de|da|di|le|la)){0,3}\s*[|/]\s*(?:[^|/.!?]{1,40}\s*[|/]\s*)?` +
	`(?:[\p{L} ]{0,30}\s)?(?i:getty images|reuters|afp|ap|epa(?:-efe)?|dpa|anadolu|xinhua|shutterstock|alamy|sipa|pool|file|file photo|staff|handout|picture alliance|imago|ap photo)(?i:\s+(?:file|photo|images|via getty images))?\s*$`)
