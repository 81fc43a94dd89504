package timeline

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Item is one dated highlight on the timeline.
type Item struct {
	ID        string // the annotation's ID
	ArticleID string
	Quote     string // the highlighted passage
	Lane      string // the row group: a tag, an article, an outlet…
	Color     string // the highlight colour's name ("yellow")
	Title     string // the article's title
	Outlet    string
	URL       string
	// Start and End are the first and last day of the event (inclusive);
	// End is zero for an open period ("since July 2022").
	Start, End time.Time
	Precision  string // "day", "week", "month", "season", "year", "decade", "range", "open"
	Evidence   string // the words the date came from
	Relative   bool   // worked out from the publication date
	UserSet    bool   // set by hand by the user
	Published  time.Time
	PubKnown   bool
}

// open reports whether it has no end.
func (it *Item) open() bool { return it.End.IsZero() }

// last is the item's last day: End, or Start for an open item.
func (it *Item) last() time.Time {
	if it.open() || it.End.Before(it.Start) {
		return it.Start
	}
	return it.End
}

// Sort orders items chronologically: by Start, then by End (shorter
// first, open last). It is stable: items with the same dates keep their
// order. It sorts small keys and moves each item once, as Items are
// large.
func Sort(items []Item) {
	keys := make([]sortKey, len(items))
	for i := range items {
		it := &items[i]
		k := sortKey{start: it.Start.Unix(), i: i}
		if it.open() {
			k.end = math.MaxInt64
		} else {
			k.end = it.End.Unix()
		}
		keys[i] = k
	}
	slices.SortFunc(keys, func(a, b sortKey) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.end, b.end); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	// Apply the permutation in place, cycle by cycle: position n takes
	// the item at keys[n].i, each item moves once.
	for c := range keys {
		if keys[c].i < 0 || keys[c].i == c {
			continue
		}
		tmp := items[c]
		j := c
		for {
			next := keys[j].i
			keys[j].i = -1
			if next == c {
				items[j] = tmp
				break
			}
			items[j] = items[next]
			j = next
		}
	}
}

// sortKey is what Sort orders by: seconds of the start and end (open:
// the largest), then the position given.
type sortKey struct {
	start, end int64
	i          int
}

// Bounds returns the first and last day that the items cover: the
// earliest Start and the latest of their ends and known publication
// dates. ok is false when there are no items.
func Bounds(items []Item) (from, to time.Time, ok bool) {
	for i := range items {
		it := &items[i]
		if !ok || it.Start.Before(from) {
			from = it.Start
		}
		if !ok || it.last().After(to) {
			to = it.last()
		}
		ok = true
		if it.PubKnown {
			if it.Published.After(to) {
				to = it.Published
			}
			if it.Published.Before(from) {
				from = it.Published
			}
		}
	}
	return day(from), day(to), ok
}

// day is the day of t at midnight UTC.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
