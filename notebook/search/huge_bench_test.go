package search

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// hugeArticle is an article body of about size bytes, built from the
// generated corpus's words.
func hugeArticle(docs []Doc, size int) Doc {
	var sb strings.Builder
	for sb.Len() < size {
		for i := range docs {
			if docs[i].Kind == KindArticle {
				sb.WriteString(docs[i].Body)
				sb.WriteString("\n\n")
				if sb.Len() >= size {
					break
				}
			}
		}
	}
	return Doc{ID: "huge", ArticleID: "huge", Kind: KindArticle, Title: "A very long document", Body: sb.String()}
}

// BenchmarkSearch_hugeArticle: one huge article among 2,000 ordinary ones;
// the cost of a search must not grow with its size.
func BenchmarkSearch_hugeArticle(b *testing.B) {
	docs := genCorpus(corpusSpec{seed: 9, articles: 2000, annotations: 10000, articleWords: 800, vocab: 20000})
	queries := benchQueries(docs, 50)
	for _, size := range []int{0, 4 << 20, 48 << 20} {
		ds := docs
		if size > 0 {
			ds = append(docs[:len(docs):len(docs)], hugeArticle(docs, size))
		}
		ix := Build(ds)
		b.Run(fmt.Sprintf("article=%dMB", size>>20), func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, err := ix.Search(queries[i%len(queries)], 20); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// TestFieldText_capped: a field longer than MaxFieldBytes is searched up to
// that size, cut at a character boundary; words beyond are not indexed.
func TestFieldText_capped(t *testing.T) {
	body := strings.Repeat("é", MaxFieldBytes/2-1) + "x" + "é tail-marker"
	d := Doc{ID: "a", Kind: KindArticle, Body: body}
	got := FieldText(d, FieldBody)
	if len(got) > MaxFieldBytes || !utf8.ValidString(got) || !strings.HasPrefix(body, got) {
		t.Fatalf("capped body: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
	ix := Build([]Doc{d})
	if hits, _ := ix.Search("tail-marker", 5); len(hits) != 0 {
		t.Error("a word beyond the cap was indexed")
	}
	short := Doc{ID: "b", Kind: KindArticle, Body: "short body"}
	if FieldText(short, FieldBody) != "short body" {
		t.Error("a short body was changed")
	}
}
