package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// A deterministic generator of notebooks for the quality tests and the
// benchmarks: articles of Zipf-distributed words over a vocabulary of
// common English words, words of the Sahel/Russia beat and tens of
// thousands of made-up words, and annotations whose quotes are passages of
// their article.

var commonWords = strings.Fields(`the of and to in a is that for it as was with be by on not he
this are or his from at which but have an they you were her she there been one all we their
has would when if so no will more can said about what other also into than its only some time
could them these two may first then do any like my now over such our man me even most made after
year years state government people country new minister president security military forces
support talks visit week report according official officials region border city capital north
south east west local international economic political public army troops attack attacks group
groups power leaders leader policy foreign crisis war peace deal agreement trade aid food fuel`)

var beatWords = strings.Fields(`Russia Russian Moscow Kremlin Mali Malian Bamako Sahel Niger
Niamey Burkina Faso Ouagadougou Chad France French Paris Algeria Senegal Guinea Sudan Libya
Africa African junta coup insurgency jihadist militants mercenaries sanctions ECOWAS gold
uranium drones convoy referendum transition election ceasefire refugees humanitarian displacement
Tuareg Azawad Timbuktu Gao Kidal Mopti Sikasso Barkhane Takuba MINUSMA Prigozhin Putin Macron
Tinubu Tchiani Traore Touadera Bangui diplomacy embassy ambassador partnership cooperation`)

var syllables = strings.Fields(`ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi
mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu za ze zo an en in on ar er or al el
il ol tra tri pre pro ste sto gra gro bla blo fra fro`)

// genVocab returns the generator's vocabulary, most frequent first: the
// common words, then the beat words, then n made-up words.
func genVocab(r *rand.Rand, n int) []string {
	seen := map[string]bool{}
	var v []string
	add := func(w string) {
		if k := strings.ToLower(w); !seen[k] {
			seen[k] = true
			v = append(v, w)
		}
	}
	for _, w := range commonWords {
		add(w)
	}
	for _, w := range beatWords {
		add(w)
	}
	for len(v) < len(commonWords)+len(beatWords)+n {
		var b strings.Builder
		for k := 2 + r.IntN(3); k > 0; k-- {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		add(b.String())
	}
	return v
}

// corpusSpec sizes a generated notebook.
type corpusSpec struct {
	seed         uint64
	articles     int
	annotations  int
	articleWords int // words per article body, on average
	vocab        int // made-up words
}

// genCorpus generates articles and annotations as Docs; the annotations'
// quotes are passages of their article's body.
func genCorpus(spec corpusSpec) []Doc {
	r := rand.New(rand.NewPCG(spec.seed, spec.seed^0x9e3779b97f4a7c15))
	vocab := genVocab(r, spec.vocab)
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	word := func() string { return vocab[zipf.Uint64()] }
	sentence := func(b *strings.Builder, n int) {
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			w := word()
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
		}
		b.WriteString(". ")
	}
	// The quality fixture's own tags (Russia–Africa ties, Wagner, …) are
	// left out, except the Sahel family, so that tag: cases stay precise;
	// "Russia–Ukraine war" is a near miss for "Russia-Africa".
	tags := []string{"Sahel", "Sahel/Mali", "Sahel/Niger", "Sahel/Burkina Faso", "Security",
		"Russia–Ukraine war", "Elections", "Humanitarian", "Mining", "Diplomacy"}
	colors := []string{"yellow", "red", "green", "blue", "purple", "magenta", "orange", "gray"}
	outlets := []string{"Reuters", "AP", "Le Monde", "Al Jazeera", "BBC", "The Africa Report", "Jeune Afrique"}
	authors := []string{"Amadou Diallo", "Claire Martin", "John Smith", "Fatou Ba", "Pierre Dubois", "Aïcha Touré"}
	base := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)

	docs := make([]Doc, 0, spec.articles+spec.annotations)
	bodies := make([][]string, spec.articles)
	for a := 0; a < spec.articles; a++ {
		var b strings.Builder
		n := spec.articleWords/2 + r.IntN(spec.articleWords+1)
		for n > 0 {
			k := min(n, 8+r.IntN(15))
			sentence(&b, k)
			n -= k
			if r.IntN(6) == 0 {
				b.WriteString("\n\n")
			}
		}
		body := b.String()
		bodies[a] = strings.Fields(body)
		var t strings.Builder
		sentence(&t, 5+r.IntN(6))
		pub := base.AddDate(0, 0, r.IntN(6*365))
		var at []string
		if r.IntN(3) == 0 {
			at = []string{tags[r.IntN(len(tags))]}
		}
		docs = append(docs, Doc{
			ID:        fmt.Sprintf("gen-art-%05d", a),
			ArticleID: fmt.Sprintf("gen-art-%05d", a),
			Kind:      KindArticle,
			Title:     strings.TrimSuffix(strings.TrimSpace(t.String()), "."),
			Byline:    authors[r.IntN(len(authors))],
			Outlet:    outlets[r.IntN(len(outlets))],
			Body:      body,
			Tags:      at,
			Published: pub,
			Updated:   pub.Add(time.Duration(r.IntN(1000)) * time.Hour),
		})
	}
	for n := 0; n < spec.annotations; n++ {
		a := r.IntN(spec.articles)
		art := &docs[a]
		ws := bodies[a]
		qn := min(len(ws), 25+r.IntN(16)) // ≈200 characters
		at := r.IntN(len(ws) - qn + 1)
		d := Doc{
			ID:        fmt.Sprintf("gen-ann-%06d", n),
			ArticleID: art.ID,
			Kind:      KindAnnotation,
			Quote:     strings.Join(ws[at:at+qn], " "),
			Title:     art.Title,
			Byline:    art.Byline,
			Outlet:    art.Outlet,
			Color:     colors[r.IntN(len(colors))],
			Orphan:    r.IntN(50) == 0,
			Published: art.Published,
			Updated:   art.Updated.Add(time.Duration(1+r.IntN(5000)) * time.Hour),
		}
		if r.IntN(2) == 0 {
			var b strings.Builder
			sentence(&b, 20)
			d.Note = b.String()
		}
		if r.IntN(2) == 0 {
			d.Tags = []string{tags[r.IntN(len(tags))]}
		}
		docs = append(docs, d)
	}
	return docs
}
