package search

import (
	"github.com/glossnotes/gloss/internal/testutil"

	"strings"
	"sync"
	"testing"
	"time"
)

const sampleID = "sample-article"

// sampleAnnotations are highlights of passages of the sample article.
var sampleAnnotations = []Doc{
	{ID: "ann-orlovsky", Quote: "Russian Deputy Defence Minister Yevgeny Orlovsky promised new reconnaissance drones and wheat deliveries to Burkina Faso’s military government",
		Note: "First visit by a Russian deputy defence minister", Tags: []string{"Russia–Africa ties"}, Color: "yellow"},
	{ID: "ann-wagner", Quote: "killings of civilians attributed to the army and to Russian private military contractor Wagner Group in Burkina Faso",
		Note: "UN experts want an independent inquiry", Tags: []string{"Sahel/Burkina", "Wagner"}, Color: "red"},
	{ID: "ann-kabore", Quote: "interim president Captain Idrissa Kaboré",
		Note: "Captain Kabore leads the transition", Tags: []string{"Sahel/Burkina/Politics"}, Color: "blue"},
	{ID: "ann-drones", Quote: "a large consignment of Russian reconnaissance droneswas handed over",
		Note: "Typo in the source: droneswas", Color: "orange"},
	{ID: "ann-treasury", Quote: "the US\u00a0Treasury Department imposed sanctions on three companies it described as financing the Wagner Group across the Sahel",
		Note: "US sanctions on the network", Tags: []string{"Sanctions"}, Color: "purple"},
	{ID: "ann-france", Quote: "Burkina Faso’s warming towards Russia came as its ties with France, the former colonial power, fell apart",
		Note: "French special forces left in 2023", Tags: []string{"France"}, Color: "green"},
	{ID: "ann-ilboudo", Quote: "Rasmané Ilboudo, a political scientist who teaches at the University of Ouagadougou",
		Note: "Possible interview contact", Color: "gray", Orphan: true},
	{ID: "ann-fuel", Quote: "They also offered fuel and fertilizer on credit worth close to $80 million (€74 million).",
		Note: "Economic aid figures", Tags: []string{"Economy"}, Color: "yellow"},
	{ID: "ann-sankara", Quote: "Salif Nikiéma, author of the book Thomas Sankara —\u00a0un destin révolutionnaire",
		Note: "Book to find at the library", Tags: []string{"History"}, Color: "magenta"},
	{ID: "ann-crumbling", Quote: "People here feel that the old order is crumbling",
		Note: "Multipolar world narrative — Ilboudo", Tags: []string{"Russia–Africa ties/Narratives"}, Color: "blue"},
	{ID: "ann-sawadogo", Quote: "Sawadogo told reporters at the palace", Color: "yellow"},
}

// sampleDocs returns the sample article and its annotations as Docs. It
// fails the test if the article or one of the quotes is missing.
func sampleDocs(t testing.TB) []Doc {
	t.Helper()
	body := string(testutil.Sample(t))
	art := Doc{
		ID: sampleID, ArticleID: sampleID, Kind: KindArticle,
		Title:     testutil.SampleTitle,
		Byline:    testutil.SampleByline,
		Outlet:    "Meridian",
		Body:      body,
		Published: time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC),
		Updated:   time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC),
	}
	docs := []Doc{art}
	for i, a := range sampleAnnotations {
		if !strings.Contains(body, a.Quote) {
			t.Fatalf("annotation %s: quote %q is not in the sample article", a.ID, a.Quote)
		}
		a.Kind = KindAnnotation
		a.ArticleID = sampleID
		a.Title, a.Byline, a.Outlet, a.Published = art.Title, art.Byline, art.Outlet, art.Published
		a.Updated = art.Updated.Add(time.Duration(i+1) * time.Hour)
		docs = append(docs, a)
	}
	return docs
}

// fixtureSpec sizes the generated part of the quality fixture.
var fixtureSpec = corpusSpec{seed: 1, articles: 300, annotations: 600, articleWords: 300, vocab: 5000}

var (
	fixtureOnce sync.Once
	fixtureDocs []Doc
)

// fixture returns the quality fixture: the sample article with its
// annotations and a few hundred generated articles and annotations.
func fixture(t testing.TB) []Doc {
	t.Helper()
	sample := sampleDocs(t) // fails t when the fixture is missing
	fixtureOnce.Do(func() {
		fixtureDocs = append(sample, genCorpus(fixtureSpec)...)
	})
	return fixtureDocs
}

func hitIDs(hits []Hit) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}
