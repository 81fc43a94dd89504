package timeline

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// tjsDate is a TimelineJS date: only the parts that the precision gives.
type tjsDate struct {
	Year  int `json:"year"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
}

// tjsEvent is a TimelineJS slide.
type tjsEvent struct {
	StartDate tjsDate  `json:"start_date"`
	EndDate   *tjsDate `json:"end_date,omitempty"`
	Text      struct {
		Headline string `json:"headline"`
		Text     string `json:"text"`
	} `json:"text"`
	Group    string `json:"group,omitempty"`
	UniqueID string `json:"unique_id,omitempty"`
}

// grain is how much of a date TimelineJS is told.
type grain uint8

const (
	gDay grain = iota
	gMonth
	gYear
)

// WriteTimelineJS writes items in the JSON format of Knight Lab's
// TimelineJS ({"events": [...]}), in the order given. Dates carry only
// what the precision knows: a month has no day, a year or decade no month;
// a range or open period is told to the day, month or year that its
// bounds fall on (1 January to 31 December: years). The headline is the
// quote (shortened), the text (HTML, escaped) the quote, the evidence and
// the source; lanes are TimelineJS groups (escaped too, as TimelineJS
// shows them as HTML); unique_id keeps only the letters, digits, '-' and
// '_' of the item's ID.
func WriteTimelineJS(w io.Writer, items []Item) error {
	doc := struct {
		Events []tjsEvent `json:"events"`
	}{Events: make([]tjsEvent, 0, len(items))}
	for i := range items {
		it := &items[i]
		g := grainOf(it)
		e := tjsEvent{StartDate: tjsDateOf(it.Start, g), Group: xmlText(it.Lane), UniqueID: idText(it.ID)}
		if !it.open() {
			end := tjsDateOf(it.End, g)
			if end != e.StartDate {
				e.EndDate = &end
			}
		}
		e.Text.Headline = xmlText(clip(it.Quote, 80))
		e.Text.Text = tjsText(it)
		doc.Events = append(doc.Events, e)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write TimelineJS: %w", err)
	}
	return nil
}

// grainOf is how precisely an item's dates are told.
func grainOf(it *Item) grain {
	switch it.Precision {
	case "day", "week":
		return gDay
	case "month", "season":
		return gMonth
	case "year", "decade":
		return gYear
	}
	// range, open, or unknown: from the bounds
	s := it.Start
	if s.Day() != 1 {
		return gDay
	}
	if it.open() {
		if s.Month() == time.January {
			return gYear
		}
		return gMonth
	}
	e := it.End
	if e.AddDate(0, 0, 1).Day() != 1 {
		return gDay
	}
	if s.Month() == time.January && e.Month() == time.December {
		return gYear
	}
	return gMonth
}

func tjsDateOf(t time.Time, g grain) tjsDate {
	d := tjsDate{Year: t.Year()}
	if g <= gMonth {
		d.Month = int(t.Month())
	}
	if g == gDay {
		d.Day = t.Day()
	}
	return d
}

// tjsText is the HTML body of an item's slide.
func tjsText(it *Item) string {
	var b strings.Builder
	b.WriteString("<p>“" + xmlText(it.Quote) + "”</p><p>")
	if it.Evidence != "" {
		b.WriteString("<i>" + xmlText(it.Evidence) + "</i>")
		if it.Relative {
			b.WriteString(" (relative to the publication date)")
		}
		if it.UserSet {
			b.WriteString(" (set by hand)")
		}
		b.WriteString(" — ")
	}
	title := xmlText(it.Title)
	if u := safeURL(it.URL); u != "" && title != "" {
		title = `<a href="` + xmlText(u) + `">` + title + `</a>`
	}
	b.WriteString(title)
	if it.Outlet != "" {
		b.WriteString(", " + xmlText(it.Outlet))
	}
	if it.PubKnown {
		b.WriteString(", published " + dateText(it.Published))
	}
	b.WriteString("</p>")
	return b.String()
}

// idText keeps the letters, digits, '-' and '_' of an ID: TimelineJS uses
// unique_id in element IDs and the page's address.
func idText(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return -1
	}, id)
}
