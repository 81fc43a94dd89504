package search

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// samplePath is the canonical sample article, relative to this package.
var samplePath = filepath.Join("..", "..", "..", "shared", "corpus", "dw-russia-mali-2023.txt")

const sampleID = "dw-russia-mali"

// sampleAnnotations are highlights of passages of the sample article.
var sampleAnnotations = []Doc{
	{ID: "ann-lavrov", Quote: "Russian Foreign Minister Sergey Lavrov announced more military support for the Malian military junta",
		Note: "First visit by a Russian foreign minister to Mali", Tags: []string{"Russia–Africa ties"}, Color: "yellow"},
	{ID: "ann-wagner", Quote: "possible war crimes and crimes against humanity by government forces and Russian private military contractor Wagner Group in Mali",
		Note: "UN wants an independent investigation", Tags: []string{"Sahel/Mali", "Wagner"}, Color: "red"},
	{ID: "ann-goita", Quote: "interim leader Colonel Assimi Goita",
		Note: "Colonel Goïta leads the transition", Tags: []string{"Sahel/Mali/Politics"}, Color: "blue"},
	{ID: "ann-aviation", Quote: "a large consignment of Russian aviation equipmentwas sent",
		Note: "Typo in the source: equipmentwas", Color: "orange"},
	{ID: "ann-treasury", Quote: "the US\u00a0Treasury Department designated the Wagner Group a significant transnational criminal organization",
		Note: "US sanctions on the network", Tags: []string{"Sanctions"}, Color: "purple"},
	{ID: "ann-france", Quote: "Mali's growing friendliness with Russia has coincided with a breakdown in relations with France",
		Note: "French troops withdrew in 2022", Tags: []string{"France"}, Color: "green"},
	{ID: "ann-kalembry", Quote: "Alexis Kalembry, journalist and publication director at Mali Tribune",
		Note: "Possible interview contact", Color: "gray", Orphan: true},
	{ID: "ann-fuel", Quote: "It also promised fuel, fertilizer, and food shipments worth around $100 million (€93 million).",
		Note: "Economic aid figures", Tags: []string{"Economy"}, Color: "yellow"},
	{ID: "ann-keita", Quote: "Daouda Tekete, author of the book Modibo Keita —\u00a0portrait inédit du président",
		Note: "Book to find at the library", Tags: []string{"History"}, Color: "magenta"},
	{ID: "ann-repolar", Quote: "One might be tempted to say that the world is repolarizing",
		Note: "Multipolar world narrative — Kalembry", Tags: []string{"Russia–Africa ties/Narratives"}, Color: "blue"},
	{ID: "ann-diop", Quote: "Mali's foreign minister Abdoulaye Diop told reporters", Color: "yellow"},
}

// sampleDocs returns the sample article and its annotations as Docs. It
// fails the test if the article or one of the quotes is missing.
func sampleDocs(t testing.TB) []Doc {
	t.Helper()
	data, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatalf("read the sample article: %v", err)
	}
	body := string(data)
	art := Doc{
		ID: sampleID, ArticleID: sampleID, Kind: KindArticle,
		Title:     "Russia vows to boost military cooperation with Mali",
		Byline:    "Isaac Mugabi (with Reuters and AP)",
		Outlet:    "DW",
		Body:      body,
		Published: time.Date(2023, 2, 8, 0, 0, 0, 0, time.UTC),
		Updated:   time.Date(2023, 2, 9, 10, 0, 0, 0, time.UTC),
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
	fixtureErr  string
)

// fixture returns the quality fixture: the sample article with its
// annotations and a few hundred generated articles and annotations.
func fixture(t testing.TB) []Doc {
	t.Helper()
	fixtureOnce.Do(func() {
		if _, err := os.Stat(samplePath); err != nil {
			fixtureErr = err.Error()
			return
		}
		fixtureDocs = append(sampleDocs(t), genCorpus(fixtureSpec)...)
	})
	if fixtureErr != "" {
		t.Fatalf("sample article: %s", fixtureErr)
	}
	return fixtureDocs
}

func hitIDs(hits []Hit) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}
