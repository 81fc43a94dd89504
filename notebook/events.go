package notebook

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/glossnotes/gloss/notebook/dates"
)

// Event is the date of what a highlighted passage tells of — not when the
// article was published: "on January 19", "since July 2022", "last week"
// (resolved against the publication date). Start and End bound the period
// (YYYY-MM-DD, inclusive); an open period ("since …") has no End.
type Event struct {
	Start     string `json:"start"`
	End       string `json:"end,omitempty"`
	Precision string `json:"precision"` // day, week, month, season, year, decade, range, open
	Evidence  string `json:"evidence,omitempty"`
	Relative  bool   `json:"relative"`
	UserSet   bool   `json:"user_set"`
}

// The event dates Gloss reads in highlighted passages form a derived index
// (see derived.go), the store cache "event-dates": built from the
// annotations and their articles' texts and publication dates, updated by
// every change (a new highlight, an edited text, a changed publication
// date), and saved beside the notebook. A date the user sets by hand is a
// stored record (Annotation.UserEvent), not index state.

// autoEvent is what the index holds for one annotation: the date read in
// its passage, and what a timeline shows of it (so that a timeline of
// 100,000 highlights decodes no annotation records).
type autoEvent struct {
	ArticleID string      `json:"a"`
	Period    eventPeriod `json:"p"`
	Evidence  string      `json:"e,omitempty"`
	Relative  bool        `json:"r,omitempty"`
	// Unresolved: the passage has a date expression that could not be
	// resolved (a relative one in an article of unknown date).
	Unresolved bool `json:"u,omitempty"`

	Quote string     `json:"q"`
	Color Color      `json:"c,omitempty"`
	Tags  []string   `json:"t,omitempty"`
	Start int        `json:"o"` // the passage's start, for document order
	User  *UserEvent `json:"ue,omitempty"`
}

// eventPeriod is a dates.Period in its saved form.
type eventPeriod struct {
	Start     string `json:"s,omitempty"`
	End       string `json:"x,omitempty"`
	Precision string `json:"k,omitempty"`
}

// events is the index: annotation ID → the date read in its passage and
// what a timeline shows, for every annotation.
type events struct {
	mu sync.RWMutex
	m  map[string]autoEvent
}

// eventsKind runs the events index in the derived lifecycle.
type eventsKind struct{}

var _ indexKind[*events] = eventsKind{}

func (eventsKind) cacheName() string { return "event-dates" }

// cacheMagic names the format and the date reader's version, so an
// improved reader rebuilds the index.
func (eventsKind) cacheMagic() string { return "gloss-event-dates 2 reader-" + dates.Version }

func (eventsKind) build(n *Notebook) (*events, uint64, error) {
	ev := &events{m: map[string]autoEvent{}}
	var gen uint64
	err := n.view(func(tx Tx) error {
		_, gen = tx.Generation()
		return tx.ForEachArticle(func(a Article) error {
			anns, err := tx.AnnotationsOf(a.ID)
			if err != nil || len(anns) == 0 {
				return err
			}
			body, err := tx.Body(a.ID)
			if err != nil {
				return err
			}
			for _, an := range anns {
				ev.set(an.ID, readEvent(a, body.Text, an))
			}
			return nil
		})
	})
	return ev, gen, err
}

func (eventsKind) apply(n *Notebook, ev *events, c Change) error {
	return n.view(func(tx Tx) error {
		done := map[string]bool{}
		for _, id := range c.Articles {
			a, err := tx.Article(id)
			if errors.Is(err, ErrNotFound) {
				ev.dropArticle(id)
				continue
			} else if err != nil {
				return err
			}
			anns, err := tx.AnnotationsOf(id)
			if err != nil {
				return err
			}
			var text string
			if len(anns) > 0 {
				body, err := tx.Body(id)
				if err != nil {
					return err
				}
				text = body.Text
			}
			ev.dropArticle(id)
			for _, an := range anns {
				ev.set(an.ID, readEvent(a, text, an))
				done[an.ID] = true
			}
		}
		for _, id := range c.Annotations {
			if done[id] {
				continue
			}
			an, err := tx.Annotation(id)
			if errors.Is(err, ErrNotFound) {
				ev.remove(id)
				continue
			} else if err != nil {
				return err
			}
			e, err := readEventTx(tx, an)
			if err != nil {
				return err
			}
			ev.set(id, e)
		}
		return nil
	})
}

func (eventsKind) write(ev *events, w io.Writer) error {
	ev.mu.RLock()
	defer ev.mu.RUnlock()
	return json.NewEncoder(w).Encode(ev.m)
}

func (eventsKind) read(_ *Notebook, r io.Reader) (*events, error) {
	ev := &events{}
	if err := json.NewDecoder(r).Decode(&ev.m); err != nil {
		return nil, err
	}
	if ev.m == nil {
		ev.m = map[string]autoEvent{}
	}
	return ev, nil
}

// set stores e for annotation id.
func (ev *events) set(id string, e autoEvent) {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	ev.m[id] = e
}

// remove forgets annotation id.
func (ev *events) remove(id string) {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	delete(ev.m, id)
}

// dropArticle forgets every annotation of an article.
func (ev *events) dropArticle(id string) {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	for k, e := range ev.m {
		if e.ArticleID == id {
			delete(ev.m, k)
		}
	}
}

func (ev *events) get(id string) (autoEvent, bool) {
	ev.mu.RLock()
	defer ev.mu.RUnlock()
	e, ok := ev.m[id]
	return e, ok
}

// readEventTx reads the date of one annotation's passage, reading its
// article in tx.
func readEventTx(tx Tx, an Annotation) (autoEvent, error) {
	a, err := tx.Article(an.ArticleID)
	if err != nil {
		return autoEvent{}, err
	}
	body, err := tx.Body(an.ArticleID)
	if err != nil {
		return autoEvent{}, err
	}
	return readEvent(a, body.Text, an), nil
}

// readEvent finds the date a passage tells of: the first date expression
// in the highlighted passage, or when it has none, in its sentence (see
// dates.ForPassage), resolved against the article's publication date. An
// orphan's passage is gone from the text: its quote is read alone.
func readEvent(a Article, text string, an Annotation) autoEvent {
	pub := a.Published.Time()
	var exprs []dates.Expr
	if an.Status == Orphaned {
		exprs = dates.Find(an.Quote, pub, !pub.IsZero())
	} else {
		exprs = dates.ForPassage(text, an.Start, an.End, pub, !pub.IsZero())
	}
	e := autoEvent{ArticleID: a.ID, Quote: an.Quote, Color: an.Color, Tags: an.Tags, Start: an.Start, User: an.UserEvent}
	for _, x := range exprs {
		if x.Resolved() {
			e.Period = periodOf(x.Period)
			e.Evidence, e.Relative, e.Unresolved = x.Evidence, x.Relative, false
			return e
		}
		if !e.Unresolved {
			e.Evidence, e.Relative, e.Unresolved = x.Evidence, x.Relative, true
		}
	}
	return e
}

func periodOf(p dates.Period) eventPeriod {
	out := eventPeriod{Start: p.Start.Format(time.DateOnly), Precision: string(p.Precision)}
	if !p.End.IsZero() {
		out.End = p.End.Format(time.DateOnly)
	}
	return out
}

// Event returns the date of what annotation an tells of: the user's own
// date when they set one, else the date Gloss reads in the passage. ok is
// false when there is none (or the user cleared it).
func (n *Notebook) Event(an Annotation) (Event, bool, error) {
	evs, ok, err := n.Events([]Annotation{an})
	if err != nil {
		return Event{}, false, err
	}
	return evs[0], ok[0], nil
}

// Events returns the event of each annotation (see Event), in the order
// given; ok[i] is false when anns[i] has none. With the event-date index
// loaded it reads nothing from the notebook (a card shows its date at no
// cost); without it, each article's text is read once for all its
// annotations.
func (n *Notebook) Events(anns []Annotation) (evs []Event, ok []bool, err error) {
	evs, ok = make([]Event, len(anns)), make([]bool, len(anns))
	set := func(i int, e autoEvent) {
		if !e.Unresolved && e.Period.Precision != "" {
			evs[i], ok[i] = Event{Start: e.Period.Start, End: e.Period.End, Precision: e.Period.Precision,
				Evidence: e.Evidence, Relative: e.Relative}, true
		}
	}
	var unread []int // annotations whose date must be read from their text
	for i, an := range anns {
		if u := an.UserEvent; u != nil {
			if !u.Cleared {
				evs[i], ok[i] = Event{Start: u.Start, End: u.End, Precision: u.Precision, UserSet: true}, true
			}
			continue
		}
		unread = append(unread, i)
	}
	if ev, loaded := n.eventsIfLoaded(); loaded {
		for _, i := range unread {
			e, _ := ev.get(anns[i].ID)
			set(i, e)
		}
		return evs, ok, nil
	}
	if len(unread) == 0 {
		return evs, ok, nil
	}
	texts := map[string]Article{}
	bodies := map[string]string{}
	err = n.view(func(tx Tx) error {
		for _, i := range unread {
			an := anns[i]
			a, seen := texts[an.ArticleID]
			if !seen {
				var err error
				if a, err = tx.Article(an.ArticleID); err != nil {
					return err
				}
				body, err := tx.Body(an.ArticleID)
				if err != nil {
					return err
				}
				texts[an.ArticleID], bodies[an.ArticleID] = a, body.Text
			}
			set(i, readEvent(a, bodies[an.ArticleID], an))
		}
		return nil
	})
	return evs, ok, err
}

// eventsIfLoaded returns the events index when it is loaded already.
func (n *Notebook) eventsIfLoaded() (*events, bool) {
	s := &n.events
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.value, s.have
}

// SetEvent sets the event date of an annotation by hand: value is a day
// (2023-01-19), a month (2023-01) or a year (2023); "clear" says the
// passage has no date; "auto" removes the user's date, so that Gloss's own
// reading applies again.
func (n *Notebook) SetEvent(id, value string) (Annotation, error) {
	var u *UserEvent
	switch v := strings.ToLower(strings.TrimSpace(value)); v {
	case "auto":
	case "clear", "none":
		u = &UserEvent{Cleared: true}
	default:
		p, err := dates.Parse(v)
		if err != nil {
			return Annotation{}, invalidf("%v", err)
		}
		ep := periodOf(p)
		u = &UserEvent{Start: ep.Start, End: ep.End, Precision: ep.Precision}
	}
	var a Annotation
	err := n.update(func(tx Tx, c *Change) error {
		var err error
		if a, err = tx.Annotation(id); err != nil {
			return err
		}
		now := n.now()
		if u != nil {
			u.Set = now
		}
		a.UserEvent, a.Updated = u, now
		c.Annotations = append(c.Annotations, id)
		return tx.PutAnnotation(a)
	})
	return a, err
}

// WarmEvents builds the event-date index now (it is otherwise built by the
// first timeline). The desktop app calls it in the background.
func (n *Notebook) WarmEvents() error {
	_, err := n.events.get(n)
	return err
}
