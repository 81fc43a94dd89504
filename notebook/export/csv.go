package export

import (
	"encoding/csv"
	"io"
	"iter"
	"strconv"
	"strings"
)

// CSVHeader is the CSV export's header row. The first eight columns are
// the ones Readwise imports; Location is the paragraph number; AlsoIn
// names the other articles carrying the passage (with Options.Reuse).
var CSVHeader = []string{
	"Highlight", "Title", "Author", "URL", "Note", "Tags", "Location", "Date",
	"Color", "Outlet", "Published", "Status", "AnnotationID", "ArticleID", "Citation",
	"AlsoIn",
}

// writeCSV writes one row per annotation (RFC 4180: CRLF line ends,
// quoted as needed, UTF-8).
func writeCSV(w io.Writer, items iter.Seq2[Item, error], opt Options) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	var streamErr error
	row := make([]string, len(CSVHeader))
	for a := range articles(items, opt, &streamErr) {
		for _, e := range a.Excerpts {
			loc := ""
			if e.Paragraph > 0 {
				loc = strconv.Itoa(e.Paragraph)
			}
			tags := make([]string, len(e.Tags))
			for i, t := range e.Tags {
				tags[i] = t.Name
			}
			date := ""
			if !e.Created.IsZero() {
				date = e.Created.UTC().Format("2006-01-02 15:04:05")
			}
			copy(row, []string{
				e.Quote, a.Title, a.Byline, a.URL, e.Note, strings.Join(tags, ", "), loc, date,
				e.Color, a.Outlet, a.Published, e.Status, e.ID, a.ID, e.Citation().String(),
				e.AlsoInText(),
			})
			for i := range row {
				row[i] = neutralise(row[i])
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	if streamErr != nil {
		return streamErr
	}
	// cw shares Write's buffer (bufio reuses a large enough Writer), so
	// this Flush also pushes it out.
	cw.Flush()
	return cw.Error()
}

// neutralise defuses spreadsheet formula injection (OWASP's advice): a
// cell starting with =, +, -, @, tab or carriage return gets a leading
// apostrophe, so spreadsheets show it as text instead of evaluating it.
func neutralise(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
