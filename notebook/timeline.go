package notebook

import (
	"slices"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook/timeline"
)

// Lanes says how a timeline groups its marks into rows.
type Lanes string

// Timeline lanes.
const (
	LanesTag     Lanes = "tag"     // the highlight's first tag (or its article's)
	LanesOutlet  Lanes = "outlet"  // the article's outlet
	LanesArticle Lanes = "article" // the article's title
)

// ParseLanes checks a lanes name ("" is tag).
func ParseLanes(s string) (Lanes, error) {
	switch l := Lanes(s); l {
	case "":
		return LanesTag, nil
	case LanesTag, LanesOutlet, LanesArticle:
		return l, nil
	}
	return "", invalidf("lanes %q: want tag, outlet or article", s)
}

// Timeline returns the highlights in scope as timeline items: dated holds
// one item per highlight whose passage tells of a date (the user's own
// date, else the one Gloss reads), in chronological order; undated holds
// the others, in document order. Reading the dates uses the event-date
// index, so a timeline of 100,000 highlights reads no article texts once
// the index is built.
func (n *Notebook) Timeline(scope ExportScope, lanes Lanes) (dated, undated []timeline.Item, err error) {
	if lanes, err = ParseLanes(string(lanes)); err != nil {
		return nil, nil, err
	}
	p, err := n.plan(scope)
	if err != nil {
		return nil, nil, err
	}
	ev, err := n.events.get(n)
	if err != nil {
		return nil, nil, err
	}
	// The index holds what the timeline shows of each annotation; group
	// its entries by article, then read each article's metadata once.
	byArticle := map[string][]string{}
	ev.mu.RLock()
	for id, e := range ev.m {
		byArticle[e.ArticleID] = append(byArticle[e.ArticleID], id)
	}
	ev.mu.RUnlock()
	err = n.view(func(tx Tx) error {
		for _, artID := range p.articles {
			ids := byArticle[artID]
			if len(ids) == 0 {
				continue
			}
			a, err := tx.Article(artID)
			if err != nil {
				return err
			}
			entries := make([]idEvent, 0, len(ids))
			for _, id := range ids {
				if e, ok := ev.get(id); ok {
					entries = append(entries, idEvent{id, e})
				}
			}
			slices.SortFunc(entries, func(x, y idEvent) int {
				if x.e.Start != y.e.Start {
					return x.e.Start - y.e.Start
				}
				return strings.Compare(x.id, y.id)
			})
			for _, en := range entries {
				an := Annotation{ID: en.id, ArticleID: artID, Color: en.e.Color, Tags: en.e.Tags}
				if !p.annotationMatches(a, an) {
					continue
				}
				it := timeline.Item{
					ID: en.id, ArticleID: a.ID, Quote: en.e.Quote, Lane: laneOf(lanes, a, an), Color: string(en.e.Color),
					Title: a.Title, Outlet: a.Outlet, URL: a.URL,
					Published: a.Published.Time(), PubKnown: !a.Published.IsZero(),
				}
				if setEvent(&it, en.e) {
					dated = append(dated, it)
				} else {
					undated = append(undated, it)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	timeline.Sort(dated)
	return dated, undated, nil
}

// idEvent is an index entry with its annotation ID.
type idEvent struct {
	id string
	e  autoEvent
}

// setEvent fills in an item's period from the user's date or the one read
// in the passage, reporting whether it has one.
func setEvent(it *timeline.Item, e autoEvent) bool {
	var start, end, prec string
	switch u := e.User; {
	case u != nil && u.Cleared:
		return false
	case u != nil:
		start, end, prec, it.UserSet = u.Start, u.End, u.Precision, true
	default:
		it.Evidence, it.Relative = e.Evidence, e.Relative
		if e.Unresolved || e.Period.Precision == "" {
			return false
		}
		start, end, prec = e.Period.Start, e.Period.End, e.Period.Precision
	}
	s, err := time.Parse(time.DateOnly, start)
	if err != nil {
		return false
	}
	it.Start, it.Precision = s, prec
	if end != "" {
		if e, err := time.Parse(time.DateOnly, end); err == nil {
			it.End = e
		}
	}
	return true
}

// laneOf names the row a highlight goes in.
func laneOf(l Lanes, a Article, an Annotation) string {
	switch l {
	case LanesOutlet:
		if a.Outlet != "" {
			return a.Outlet
		}
		return "(no outlet)"
	case LanesArticle:
		return a.Title
	}
	tags := an.Tags
	if len(tags) == 0 {
		tags = a.Tags
	}
	if len(tags) == 0 {
		return "(untagged)"
	}
	return slices.Min(tags)
}
