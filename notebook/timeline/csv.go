package timeline

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// csvHeader is the first row of WriteCSV.
var csvHeader = []string{"annotation_id", "article_id", "start", "end", "precision", "evidence", "relative", "user_set", "published", "quote", "lane", "color", "title", "outlet", "url"}

// WriteCSV writes items as CSV (RFC 4180, a header row first), in the
// order given. A cell that a spreadsheet would read as a formula (starting
// with =, +, -, @, a tab or a carriage return) gets a leading apostrophe.
func WriteCSV(w io.Writer, items []Item) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("write timeline CSV: %w", err)
	}
	row := make([]string, len(csvHeader))
	for i := range items {
		it := &items[i]
		end := ""
		if !it.open() {
			end = dateText(it.End)
		}
		pub := ""
		if it.PubKnown {
			pub = dateText(it.Published)
		}
		row = append(row[:0], it.ID, it.ArticleID, dateText(it.Start), end, it.Precision, it.Evidence,
			strconv.FormatBool(it.Relative), strconv.FormatBool(it.UserSet), pub,
			it.Quote, it.Lane, it.Color, it.Title, it.Outlet, it.URL)
		for j, c := range row {
			row[j] = neutralise(c)
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write timeline CSV, item %s: %w", it.ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write timeline CSV: %w", err)
	}
	return nil
}

// neutralise prefixes a cell that starts like a formula with an
// apostrophe.
func neutralise(c string) string {
	if c != "" && (c[0] == '=' || c[0] == '+' || c[0] == '-' || c[0] == '@' || c[0] == '\t' || c[0] == '\r') {
		return "'" + c
	}
	return c
}
