package notebook

import (
	"strings"
)

// SearchHit is one search result: an annotation or an article.
type SearchHit struct {
	Kind       string      `json:"kind"` // "annotation" or "article"
	ID         string      `json:"id"`
	ArticleID  string      `json:"article_id"`
	Title      string      `json:"title"`
	Score      float64     `json:"score"`
	Annotation *Annotation `json:"annotation,omitempty"`
}

// Search finds annotations (by quote, note or tag) and articles (by title)
// containing the query, case-insensitively. It is a plain substring
// stand-in for the fuzzy engine.
func (n *Notebook) Search(query string, limit int) ([]SearchHit, error) {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return nil, invalidf("empty query")
	}
	var hits []SearchHit
	err := n.view(func(tx Tx) error {
		titles := map[string]string{}
		if err := tx.ForEachArticle(func(a Article) error {
			titles[a.ID] = a.Title
			if strings.Contains(strings.ToLower(a.Title), q) {
				hits = append(hits, SearchHit{Kind: "article", ID: a.ID, ArticleID: a.ID, Title: a.Title, Score: 1})
			}
			return nil
		}); err != nil {
			return err
		}
		return tx.ForEachAnnotation(func(a Annotation) error {
			hay := strings.ToLower(a.Quote + "\n" + a.Note + "\n" + strings.Join(a.Tags, "\n"))
			if strings.Contains(hay, q) {
				a := a
				hits = append(hits, SearchHit{Kind: "annotation", ID: a.ID, ArticleID: a.ArticleID, Title: titles[a.ArticleID], Score: 1, Annotation: &a})
			}
			return nil
		})
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, err
}
