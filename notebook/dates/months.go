package dates

import "strings"

// monthUse says where a month word may stand in running text.
type monthUse uint8

const (
	// useFull: a full name, taken with a day, a year or (English names
	// only, capitalised, after "in", "since"…) alone.
	useFull monthUse = iota
	// useAbbr: an abbreviation, taken with a day or a year.
	useAbbr
	// useWeak: also a common word in some language ("ago", "set", "out",
	// "mar", "gen"), taken only in a full date with day and year.
	useWeak
)

// monthWord is what the table knows of one word.
type monthWord struct {
	month int      // 1–12
	use   monthUse // the loosest use among its languages
	cap   bool     // English only and a common word in lower case ("may", "march"): must be capitalised
	en    bool     // an English full name
}

// monthLists are the month names of each language, January first; within
// a month, full names (every inflection the press uses) come before the
// "|", abbreviations after it.
var monthLists = map[string][12]string{
	"en": {"january|jan", "february|feb", "march|mar", "april|apr", "may|", "june|jun", "july|jul", "august|aug", "september|sep sept", "october|oct", "november|nov", "december|dec"},
	"de": {"januar jänner|jan jän", "februar feber|feb", "märz maerz|mär mrz", "april|apr", "mai|", "juni|jun", "juli|jul", "august|aug", "september|sep sept", "oktober|okt", "november|nov", "dezember|dez"},
	"fr": {"janvier|janv", "février fevrier|févr fevr fév", "mars|", "avril|avr", "mai|", "juin|", "juillet|juil", "août aout|", "septembre|sept", "octobre|oct", "novembre|nov", "décembre decembre|déc"},
	"es": {"enero|ene", "febrero|feb", "marzo|mar", "abril|abr", "mayo|may", "junio|jun", "julio|jul", "agosto|ago", "septiembre setiembre|sep sept set", "octubre|oct", "noviembre|nov", "diciembre|dic"},
	"it": {"gennaio|gen", "febbraio|feb", "marzo|mar", "aprile|apr", "maggio|mag", "giugno|giu", "luglio|lug", "agosto|ago", "settembre|set sett", "ottobre|ott", "novembre|nov", "dicembre|dic"},
	"pt": {"janeiro|jan", "fevereiro|fev", "março marco|mar", "abril|abr", "maio|mai", "junho|jun", "julho|jul", "agosto|ago", "setembro|set", "outubro|out", "novembro|nov", "dezembro|dez"},
	"nl": {"januari|jan", "februari|feb", "maart|mrt", "april|apr", "mei|", "juni|jun", "juli|jul", "augustus|aug", "september|sep sept", "oktober|okt", "november|nov", "december|dec"},
	"sv": {"januari|jan", "februari|feb", "mars|mar", "april|apr", "maj|", "juni|jun", "juli|jul", "augusti|aug", "september|sep sept", "oktober|okt", "november|nov", "december|dec"},
	"da": {"januar|jan", "februar|feb", "marts|mar", "april|apr", "maj|", "juni|jun", "juli|jul", "august|aug", "september|sep sept", "oktober|okt", "november|nov", "december|dec"},
	"no": {"januar|jan", "februar|feb", "mars|mar", "april|apr", "mai|", "juni|jun", "juli|jul", "august|aug", "september|sep sept", "oktober|okt", "november|nov", "desember|des"},
	// Finnish: nominative, partitive ("19. tammikuuta") and inessive
	// ("tammikuussa 2023").
	"fi": {
		"tammikuu tammikuuta tammikuussa|tammik", "helmikuu helmikuuta helmikuussa|helmik",
		"maaliskuu maaliskuuta maaliskuussa|maalisk", "huhtikuu huhtikuuta huhtikuussa|huhtik",
		"toukokuu toukokuuta toukokuussa|toukok", "kesäkuu kesäkuuta kesäkuussa|kesäk",
		"heinäkuu heinäkuuta heinäkuussa|heinäk", "elokuu elokuuta elokuussa|elok",
		"syyskuu syyskuuta syyskuussa|syysk", "lokakuu lokakuuta lokakuussa|lokak",
		"marraskuu marraskuuta marraskuussa|marrask", "joulukuu joulukuuta joulukuussa|jouluk",
	},
	// Polish: nominative, genitive ("19 stycznia") and locative ("w
	// styczniu"), with and without diacritics.
	"pl": {
		"styczeń styczen stycznia styczniu|sty", "luty lutego lutym|lut",
		"marzec marca marcu|", "kwiecień kwiecien kwietnia kwietniu|kwi",
		"maj maja maju|", "czerwiec czerwca czerwcu|cze",
		"lipiec lipca lipcu|lip", "sierpień sierpien sierpnia sierpniu|sie",
		"wrzesień wrzesien września wrzesnia wrześniu wrzesniu|wrz", "październik pazdziernik października pazdziernika październiku pazdzierniku|paź paz",
		"listopad listopada listopadzie|lis", "grudzień grudzien grudnia grudniu|gru",
	},
}

// weakMonths are month words that are also common words: "ago" (English),
// "set", "out" (English), "mar" (Spanish, Italian: sea), "gen", "mag",
// "des", "dez" (Portuguese: ten), "marco" (a first name), and short
// abbreviations that are words elsewhere ("sty", "lip", "sie", "dic").
var weakMonths = strings.Fields("ago set sett out mar gen mag des dez marco ene lug giu dic lut lip lis sie paz cze sty kwi gru wrz")

// capMonths are English month words that are common words in lower case.
var capMonths = strings.Fields("may march mar")

// months maps every month word, lower case, to what is known of it.
var months = buildMonths()

func buildMonths() map[string]monthWord {
	m := map[string]monthWord{}
	put := func(w string, month int, use monthUse, en bool) {
		old, seen := m[w]
		if seen {
			if old.month != month {
				panic("dates: month word " + w + " has two months") // a table error, caught by the tests
			}
			use = min(use, old.use)
			en = en || old.en
		}
		m[w] = monthWord{month: month, use: use, en: en}
	}
	for lang, list := range monthLists {
		for i, names := range list {
			full, abbr, _ := strings.Cut(names, "|")
			for _, w := range strings.Fields(full) {
				put(w, i+1, useFull, lang == "en")
			}
			for _, w := range strings.Fields(abbr) {
				put(w, i+1, useAbbr, false)
			}
		}
	}
	for _, w := range weakMonths {
		e := m[w]
		e.use = useWeak
		m[w] = e
	}
	for _, w := range capMonths {
		e := m[w]
		e.cap = true
		m[w] = e
	}
	return m
}

// MonthNumber returns the month (1–12) that word names, in any case, in
// English, German, French, Spanish, Italian, Portuguese, Dutch, Swedish,
// Danish, Norwegian, Finnish or Polish, full or abbreviated ("Jan", "févr",
// "mrz"), with or without a final period. It is the one table of month
// names in Gloss: the importer's date finder is meant to use it too.
func MonthNumber(word string) (int, bool) {
	word = strings.TrimSuffix(word, ".")
	if len(word) > maxMonthLen {
		return 0, false
	}
	e, ok := months[strings.ToLower(word)]
	return e.month, ok
}

// maxMonthLen is the length in bytes of the longest month word.
const maxMonthLen = 24
