package reuse

// stockPhrases are phrases that news text repeats everywhere: wire-service
// credits, attributions and page furniture. Their 5-grams (phrases of at
// least five words) are stock phrases from the start, as if they were in
// more than CommonDocs documents, so that a notebook too small for the
// document frequencies to tell does not report them as reuse either. The
// list only helps: any other phrase common in the notebook is found by its
// document frequency.
var stockPhrases = []string{
	// English
	"said in a statement on",
	"the associated press contributed to this report",
	"contributed reporting to this report",
	"additional reporting by our correspondents",
	"according to a person familiar with the matter",
	"according to people familiar with the matter",
	"did not immediately respond to a request for comment",
	"did not respond to a request for comment",
	"did not immediately return a request for comment",
	"could not immediately be reached for comment",
	"spoke on condition of anonymity because they were not authorized to speak",
	"on condition of anonymity because he was not authorized",
	"on condition of anonymity because she was not authorized",
	"it was not immediately clear whether",
	"in a statement on its website",
	"in a statement posted on",
	"told reporters at a news conference",
	"this material may not be published broadcast rewritten or redistributed",
	"all rights reserved this material may not be",
	"sign up for our newsletter",
	"click here to sign up",
	"follow us on twitter and facebook",
	"the views expressed in this article are the author s own",
	"share this article on social media",
	// French
	"a t il déclaré dans un communiqué",
	"a indiqué dans un communiqué publié",
	"selon une source proche du dossier",
	"a t on appris de source",
	// German
	"teilte am montag mit", "teilte am dienstag mit", "teilte am mittwoch mit",
	"teilte am donnerstag mit", "teilte am freitag mit",
	"sagte ein sprecher der nachrichtenagentur",
	// Spanish
	"dijo en un comunicado de prensa",
	"según informó en un comunicado",
}

// stockKeys are the posting keys of the stock phrases' 5-grams (keys, not
// fingerprints, so that the postings can tell them too).
var stockKeys = func() map[uint64]bool {
	m := map[uint64]bool{}
	for _, p := range stockPhrases {
		d := tokenize("", p, maxMaxWords)
		for _, g := range grams(nil, d.words) {
			m[key(g)] = true
		}
	}
	return m
}()

// stockDF is the document frequency given to a stock phrase's 5-grams.
const stockDF = 1 << 30
