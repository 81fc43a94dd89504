package reuse

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A deterministic generator of news-like test corpora, written for these
// tests: a sentence grammar over word lists of its own and made-up names
// and places. Originals are fresh articles; derived articles copy passages
// of 20–200 words from one or two originals with controlled edits (words
// substituted, an inner sentence dropped or a fresh one inserted,
// passages reordered, their own quote marks and number formats); unrelated
// articles share only stock phrases and boilerplate footers with the rest.
// Every word carries an origin, so the test knows exactly which words two
// articles really share.

var (
	genNouns = strings.Fields(`budget harvest convoy pipeline border ceasefire election
referendum militia garrison airport bridge railway port mine refinery dam reservoir
clinic hospital school market bank currency loan debt tariff contract treaty accord
mandate inquiry tribunal verdict parliament senate council cabinet ministry agency
mission delegation envoy embassy consulate summit forum strike protest curfew blockade
drought flood famine epidemic vaccine outbreak shortage surplus deficit subsidy reform
investment grant pledge corridor checkpoint outpost patrol offensive withdrawal
deployment exercise drill satellite radar drone missile warship cargo shipment fleet
harbour canal highway district province region village settlement camp shelter
aquifer wheat maize cocoa cotton copper lithium cobalt uranium gold bauxite timber
fishery pasture herd livestock fertiliser seed irrigation well pump generator grid
turbine panel battery licence permit audit ledger payroll pension wage union
newspaper broadcaster website archive census survey poll ballot recount coalition
opposition faction caucus platform manifesto amendment decree ordinance statute
charter constitution court judge prosecutor lawyer witness defendant detainee
prisoner hostage ransom negotiation mediation dialogue overture ultimatum sanction
embargo quota levy toll fare ticket passenger pilot crew captain sailor soldier
officer commander general colonel recruit volunteer medic nurse teacher student
farmer herder trader miner engineer surveyor geologist economist analyst diplomat`)
	genVerbs = strings.Fields(`approved rejected announced suspended delayed expanded
reduced doubled halved blocked opened closed seized recovered inspected audited
financed funded cancelled renewed extended signed ratified vetoed condemned welcomed
questioned disputed confirmed denied reported estimated projected revised lowered
raised cut froze restored rebuilt repaired damaged destroyed evacuated relocated
deployed withdrew recalled summoned dismissed appointed elected nominated charged
acquitted sentenced pardoned released detained arrested searched raided targeted
defended protected secured monitored tracked tested launched completed abandoned
resumed halted postponed accelerated negotiated mediated brokered endorsed
criticised praised warned urged demanded promised pledged offered requested`)
	genAdjs = strings.Fields(`regional national federal provincial municipal rural urban
coastal northern southern eastern western central remote disputed contested fragile
stable volatile tense calm modest sharp steep gradual sudden unexpected long-awaited
controversial ambitious cautious joint bilateral multilateral interim provisional
permanent temporary emergency annual quarterly monthly weekly former acting senior
junior independent private public state-owned foreign domestic military civilian
humanitarian economic political diplomatic judicial electoral financial technical
environmental agricultural industrial commercial legal illegal informal formal
preliminary final official unofficial confidential leaked revised updated detailed
brief lengthy costly cheap vast small large major minor key critical crucial`)
	genRoles = strings.Fields(`minister governor spokesperson mayor director chairman
secretary adviser commissioner ambassador envoy prosecutor auditor inspector
president chief administrator coordinator representative negotiator`)
	genTimes = []string{"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
		"on Saturday", "on Sunday", "last week", "last month", "earlier this year", "late on Friday",
		"early on Tuesday", "this morning", "over the weekend", "in March", "in October",
		"at the end of the month", "two days later", "in the past year", "since January"}
	// Stock phrases: every article uses some; none makes reuse.
	genStock = []string{"said in a statement", "according to officials", "told reporters",
		"declined to comment", "it was not immediately clear", "according to a person familiar with the matter",
		"said on condition of anonymity", "in a statement on its website", "according to local media",
		"did not respond to a request for comment", "at a news conference", "according to the ministry",
		"the agency contributed to this report", "additional reporting by our correspondents"}
	// Boilerplate footers left by imports, each in many articles.
	genFooters = []string{
		"Sign up for our weekly briefing on regional security and receive our analysis every Friday morning in your inbox. You can unsubscribe at any time and we never share your address",
		"This article was produced with the support of a foundation grant. The publisher retains full editorial control over the content and all rights to its reproduction are reserved",
		"Readers who want to report an error in this article can write to the corrections desk. Our journalists follow the published standards of the newsroom and its code of practice",
	}
	genSyllables = strings.Fields(`ka ri so ma len dor vi ta nu bel ash ko ran mi sel tu va go der
ul fa ne zo pir hal ke mun sa tor bi lo qua ze fen oru ay tam bo rel`)
)

// origin identifies a word's source: the article it was first written in
// and its index there. A substituted word gets a fresh origin.
type origin int64

type gItem struct {
	word   string // a word, or "" for a number
	num    int    // the number, if word == ""
	pct    bool   // a number followed by "percent"
	origin origin
}

type gSentence struct {
	items    []gItem
	quoteLen int  // the first quoteLen items are a quotation
	paraEnd  bool // a paragraph ends after this sentence
}

// gStyle is how an article writes quotation marks and numbers.
type gStyle struct {
	open, close string
	group       string // thousands separator
	pct         string // "%", " percent", " per cent"
}

var genStyles = []gStyle{
	{"“", "”", ",", "%"}, {`"`, `"`, ",", " percent"}, {"«\u00a0", "\u00a0»", "\u202f", " per cent"},
	{"„", "“", ".", "%"}, {"‘", "’", " ", " percent"}, {`"`, `"`, "", "%"},
}

// gArticle is a generated article with its rendered text and the
// code-point span of every item (flattened in sentence order).
type gArticle struct {
	id    string
	sents []gSentence
	style gStyle
	text  string
	spans [][2]int // per flattened item
	orig  []origin // per flattened item
	word  []bool   // per flattened item: it has a word (not a lone comma)
}

// copyOp records one passage copied into a derived article.
type copyOp struct {
	dst, src   int    // article indices
	srcItems   [2]int // flattened item range in src
	dstItems   [2]int // flattened item range in dst
	words      int    // words of the source passage
	subRate    float64
	dropped    bool
	inserted   bool
	dstSpan    [2]int // code points
	srcSpan    [2]int
	exactWords bool
}

type genSpec struct {
	seed                          uint64
	originals, derived, unrelated int
	articleWords                  int     // average words per original
	footerRate                    float64 // articles with a footer
	maxSubRate                    float64 // substitution rates are drawn from 0..maxSubRate
	minCopyWords, maxCopyWords    int
	repeatRate                    float64 // articles that repeat one of their sentences
}

type corpus struct {
	arts []*gArticle
	ops  []copyOp
}

type generator struct {
	r        *rand.Rand
	next     origin
	persons  []string
	places   []string
	wordsAll []string
}

func newGenerator(seed uint64) *generator {
	g := &generator{r: rand.New(rand.NewPCG(seed, seed^0x5deece66d))}
	name := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(genSyllables[g.r.IntN(len(genSyllables))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	seen := map[string]bool{}
	for len(g.persons) < 3000 {
		p := name(2+g.r.IntN(2)) + " " + name(2+g.r.IntN(2))
		if !seen[p] {
			seen[p] = true
			g.persons = append(g.persons, p)
		}
	}
	for len(g.places) < 2000 {
		p := name(2 + g.r.IntN(3))
		if !seen[p] {
			seen[p] = true
			g.places = append(g.places, p)
		}
	}
	g.wordsAll = append(append(append([]string{}, genNouns...), genVerbs...), genAdjs...)
	return g
}

func (g *generator) pick(l []string) string { return l[g.r.IntN(len(l))] }

// words appends the words of a phrase, each with a fresh origin.
func (g *generator) words(dst []gItem, phrase string) []gItem {
	for _, w := range strings.Fields(phrase) {
		g.next++
		dst = append(dst, gItem{word: w, origin: g.next})
	}
	return dst
}

func (g *generator) number(dst []gItem, pct bool) []gItem {
	g.next++
	n := 2 + g.r.IntN(98)
	if !pct && g.r.IntN(2) == 0 {
		n = 1000 + g.r.IntN(2_000_000)
	}
	return append(dst, gItem{num: n, pct: pct, origin: g.next})
}

// clause appends a short clause.
func (g *generator) clause(dst []gItem) []gItem {
	switch g.r.IntN(6) {
	case 0:
		return g.words(dst, "the "+g.pick(genAdjs)+" "+g.pick(genNouns)+" "+g.pick(genVerbs)+" the "+g.pick(genNouns)+" of "+g.pick(g.places))
	case 1:
		dst = g.words(dst, "the "+g.pick(genNouns)+" in "+g.pick(g.places)+" would be "+g.pick(genVerbs)+" by")
		return g.number(dst, true)
	case 2:
		dst = g.words(dst, "officials "+g.pick(genVerbs))
		dst = g.number(dst, false)
		return g.words(dst, g.pick(genNouns)+"s near "+g.pick(g.places))
	case 3:
		return g.words(dst, "the "+g.pick(genNouns)+" and the "+g.pick(genAdjs)+" "+g.pick(genNouns)+" had been "+g.pick(genVerbs)+" "+g.pick(genTimes))
	case 4:
		return g.words(dst, g.pick(g.persons)+" "+g.pick(genVerbs)+" a "+g.pick(genAdjs)+" "+g.pick(genNouns)+" with "+g.pick(g.places))
	default:
		return g.words(dst, "the "+g.pick(genRoles)+" of "+g.pick(g.places)+" "+g.pick(genVerbs)+" the "+g.pick(genAdjs)+" "+g.pick(genNouns))
	}
}

// sentence returns a fresh sentence.
func (g *generator) sentence() gSentence {
	var s gSentence
	it := s.items
	switch g.r.IntN(8) {
	case 0:
		it = g.words(it, g.pick(g.persons)+", the "+g.pick(genRoles)+" of "+g.pick(g.places)+", said "+g.pick(genTimes)+" that")
		it = g.clause(it)
	case 1:
		it = g.clause(it)
		it = g.words(it, ", "+g.pick(genStock))
	case 2:
		it = g.words(it, "The "+g.pick(genAdjs)+" "+g.pick(genNouns)+" of "+g.pick(g.places))
		it = g.words(it, g.pick(genVerbs)+" by")
		it = g.number(it, true)
		it = g.words(it, g.pick(genTimes)+", "+g.pick(genStock))
	case 3, 4:
		it = g.clause(it)
		it = g.words(it, "and")
		it = g.clause(it)
		s.quoteLen = len(it)
		it = g.words(it, g.pick(g.persons)+" said")
	case 5:
		it = g.words(it, "In "+g.pick(g.places)+", "+g.pick(genTimes)+",")
		it = g.clause(it)
		it = g.words(it, "while")
		it = g.clause(it)
	case 6:
		it = g.words(it, "The "+g.pick(genNouns)+" follows a "+g.pick(genAdjs)+" "+g.pick(genNouns)+" in which")
		it = g.number(it, false)
		it = g.words(it, g.pick(genNouns)+"s were "+g.pick(genVerbs)+" "+g.pick(genTimes))
	default:
		it = g.clause(it)
		it = g.words(it, "after the "+g.pick(genAdjs)+" "+g.pick(genNouns)+" "+g.pick(genVerbs)+" "+g.pick(genTimes))
	}
	s.items = it
	return s
}

// fresh returns about n words of fresh sentences in paragraphs.
func (g *generator) fresh(n int) []gSentence {
	var out []gSentence
	for w := 0; w < n; {
		s := g.sentence()
		w += itemWords(s.items)
		if g.r.IntN(4) == 0 {
			s.paraEnd = true
		}
		out = append(out, s)
	}
	if len(out) > 0 {
		out[len(out)-1].paraEnd = true
	}
	return out
}

// itemWords counts the words (tokens) of items.
func itemWords(items []gItem) int {
	n := 0
	for _, it := range items {
		switch {
		case it.word == "":
			n++
			if it.pct {
				n++
			}
		default:
			n += asciiWords(it.word)
		}
	}
	return n
}

// asciiWords counts the runs of ASCII letters and digits in w (the
// generator's words are ASCII).
func asciiWords(w string) int {
	n, in := 0, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		word := c < utf8.RuneSelf && asciiWord[c]
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

func (g *generator) footer() gSentence {
	var s gSentence
	s.items = g.words(nil, g.pick(genFooters))
	s.paraEnd = true
	return s
}

// generate builds a corpus.
func generate(spec genSpec) *corpus {
	g := newGenerator(spec.seed)
	c := &corpus{}
	newArt := func(kind string) *gArticle {
		a := &gArticle{id: kind + strconv.Itoa(len(c.arts)), style: genStyles[g.r.IntN(len(genStyles))]}
		c.arts = append(c.arts, a)
		return a
	}
	finish := func(a *gArticle) {
		if spec.repeatRate > 0 && g.r.Float64() < spec.repeatRate && len(a.sents) > 4 {
			// A pull quote: one sentence written twice.
			s := a.sents[g.r.IntN(len(a.sents)/2)]
			s.paraEnd = true
			a.sents = append(a.sents, s)
		}
		if g.r.Float64() < spec.footerRate {
			a.sents = append(a.sents, g.footer())
		}
		a.render()
	}
	var originals []*gArticle
	for range spec.originals {
		a := newArt("orig")
		a.sents = g.fresh(spec.articleWords/2 + g.r.IntN(spec.articleWords+1))
		finish(a)
		originals = append(originals, a)
	}
	for range spec.unrelated {
		a := newArt("other")
		a.sents = g.fresh(spec.articleWords/2 + g.r.IntN(spec.articleWords+1))
		finish(a)
	}
	for range spec.derived {
		if len(originals) == 0 {
			break
		}
		a := newArt("deriv")
		a.sents = g.fresh(40 + g.r.IntN(120))
		type block struct {
			sents []gSentence
			op    copyOp
		}
		var blocks []block
		nsrc := 1 + g.r.IntN(2)
		for range nsrc {
			src := originals[g.r.IntN(len(originals))]
			srcIdx := indexOf(c.arts, src)
			// Up to three passages from this source, in disjoint thirds.
			np := 1 + g.r.IntN(3)
			third := len(src.sents) / np
			for p := range np {
				lo := p * third
				want := spec.minCopyWords + g.r.IntN(spec.maxCopyWords-spec.minCopyWords+1)
				s0 := lo + g.r.IntN(max(1, third/2))
				sents, op := g.copyPassage(src, srcIdx, s0, lo+third, want, spec.maxSubRate)
				if len(sents) == 0 {
					continue
				}
				blocks = append(blocks, block{sents, op})
			}
		}
		g.r.Shuffle(len(blocks), func(i, j int) { blocks[i], blocks[j] = blocks[j], blocks[i] })
		for _, b := range blocks {
			b.op.dstItems[0] = countItems(a.sents)
			a.sents = append(a.sents, b.sents...)
			b.op.dstItems[1] = countItems(a.sents)
			b.op.dst = len(c.arts) - 1
			c.ops = append(c.ops, b.op)
			if g.r.IntN(2) == 0 {
				a.sents = append(a.sents, g.fresh(20+g.r.IntN(60))...)
			}
		}
		finish(a)
	}
	for i := range c.ops {
		op := &c.ops[i]
		d, s := c.arts[op.dst], c.arts[op.src]
		op.dstSpan = [2]int{d.spans[op.dstItems[0]][0], d.spans[op.dstItems[1]-1][1]}
		op.srcSpan = [2]int{s.spans[op.srcItems[0]][0], s.spans[op.srcItems[1]-1][1]}
	}
	return c
}

func indexOf(arts []*gArticle, a *gArticle) int {
	for i, x := range arts {
		if x == a {
			return i
		}
	}
	return -1
}

func countItems(ss []gSentence) int {
	n := 0
	for _, s := range ss {
		n += len(s.items)
	}
	return n
}

// copyPassage copies about want words of src's sentences from s0 (not
// beyond sentence limit) with edits.
func (g *generator) copyPassage(src *gArticle, srcIdx, s0, limit, want int, maxSub float64) ([]gSentence, copyOp) {
	op := copyOp{src: srcIdx}
	if s0 >= len(src.sents) {
		return nil, op
	}
	limit = min(limit, len(src.sents))
	var out []gSentence
	words := 0
	op.srcItems[0] = countItems(src.sents[:s0])
	end := op.srcItems[0]
	for s := s0; s < limit && words < want; s++ {
		sent := src.sents[s]
		sent.items = append([]gItem(nil), sent.items...)
		sent.paraEnd = false
		if w := itemWords(sent.items); words+w > want && words > 0 {
			// Cut the last sentence to reach the wanted length.
			k := 0
			for k < len(sent.items) && words+itemWords(sent.items[:k+1]) <= want {
				k++
			}
			if k < 3 {
				break
			}
			sent.items = sent.items[:k]
			sent.quoteLen = min(sent.quoteLen, k)
		}
		words += itemWords(sent.items)
		end = countItems(src.sents[:s]) + len(sent.items)
		out = append(out, sent)
	}
	op.srcItems[1] = end
	op.words = words
	if words < 10 {
		return nil, op
	}
	// Substitutions: a share of the words, never numbers.
	op.subRate = float64(g.r.IntN(int(maxSub*100)+1)) / 100
	total, subs := 0, 0
	for si := range out {
		for ii := range out[si].items {
			it := &out[si].items[ii]
			total++
			if it.word != "" && g.r.Float64() < op.subRate {
				w := g.pick(g.wordsAll)
				for w == it.word {
					w = g.pick(g.wordsAll)
				}
				g.next++
				*it = gItem{word: w, origin: g.next}
				subs++
			}
		}
	}
	op.subRate = float64(subs) / float64(max(1, total))
	if len(out) >= 4 && g.r.IntN(4) == 0 {
		i := 1 + g.r.IntN(len(out)-2)
		out = append(out[:i], out[i+1:]...)
		op.dropped = true
	}
	if len(out) >= 3 && g.r.IntN(4) == 0 {
		i := 1 + g.r.IntN(len(out)-1)
		out = append(out[:i], append([]gSentence{g.sentence()}, out[i:]...)...)
		op.inserted = true
	}
	for i := range out {
		out[i].paraEnd = g.r.IntN(3) == 0
	}
	out[len(out)-1].paraEnd = true
	return out, op
}

// render writes the article's text in its style and records item spans.
func (a *gArticle) render() {
	var b strings.Builder
	pos := 0
	write := func(s string) {
		b.WriteString(s)
		pos += utf8.RuneCountInString(s)
	}
	a.spans = a.spans[:0]
	a.orig = a.orig[:0]
	a.word = a.word[:0]
	for si, s := range a.sents {
		if si > 0 {
			if a.sents[si-1].paraEnd {
				write("\n\n")
			} else {
				write(" ")
			}
		}
		for ii, it := range s.items {
			if ii > 0 {
				if !(it.word != "" && strings.HasPrefix(it.word, ",")) {
					write(" ")
				}
			}
			if ii == 0 && s.quoteLen > 0 {
				write(a.style.open)
			}
			start := pos
			switch {
			case it.word == "":
				write(formatNum(it.num, a.style.group))
				if it.pct {
					write(a.style.pct)
				}
			case ii == 0:
				write(strings.ToUpper(it.word[:1]) + it.word[1:])
			default:
				write(it.word)
			}
			a.spans = append(a.spans, [2]int{start, pos})
			a.orig = append(a.orig, it.origin)
			a.word = append(a.word, itemWords([]gItem{it}) > 0)
			if s.quoteLen > 0 && ii == s.quoteLen-1 {
				write("," + a.style.close)
			}
		}
		write(".")
	}
	a.text = b.String()
}

// formatNum writes n with a thousands separator.
func formatNum(n int, sep string) string {
	s := strconv.Itoa(n)
	if sep == "" || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}
