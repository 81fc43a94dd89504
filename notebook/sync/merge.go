package sync

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"
)

// Rules says how the fields of one kind of record merge (see the package
// doc). Fields not named here merge one by one, the later change winning.
type Rules struct {
	// Groups are fields that merge as one value, under the group's name,
	// which is also the name of their clock.
	Groups map[string][]string
	// Sets are fields holding JSON arrays that merge as sets; the function
	// gives an element's identity.
	Sets map[string]func(elem json.RawMessage) string
	// Latest are fields holding RFC 3339 times that merge as the later.
	Latest []string
	// Tombstone is the field whose presence marks the record deleted.
	Tombstone string
	// Passive are the fields and groups whose change does not count as an
	// edit that keeps a record deleted on the other side.
	Passive []string
}

// Side names one side of a merge.
type Side int

// The sides of a merge.
const (
	Ours Side = iota
	Theirs
)

// Conflict is a field (or group) that both sides changed to different
// values, and which side won.
type Conflict struct {
	Field  string
	Winner Side
	// Ours and Theirs are the two values (for a group, an object of its
	// fields); nil where the side has no value.
	Ours, Theirs json.RawMessage
}

// Outcome is the result of merging one record.
type Outcome struct {
	Record  Record
	Present bool // false: the file is removed
	// Conflicts lists the fields both sides changed; sets and Latest
	// fields are merged, not listed.
	Conflicts []Conflict
	// Kept is set when the record was deleted (or its file removed) on one
	// side and edited on the other, and so kept; KeptSide is the side
	// that edited it.
	Kept     bool
	KeptSide Side
}

// Merge merges one record three ways: base is the record at the merge
// base, ours and theirs the two sides; nil means the file does not exist
// there.
func Merge(base, ours, theirs *Record, rules Rules) Outcome {
	switch {
	case ours == nil && theirs == nil:
		return Outcome{}
	case base == nil && ours == nil:
		return Outcome{Record: theirs.Clone(), Present: true}
	case base == nil && theirs == nil:
		return Outcome{Record: ours.Clone(), Present: true}
	case ours == nil:
		if sameRecord(*base, *theirs) {
			return Outcome{}
		}
		return Outcome{Record: theirs.Clone(), Present: true, Kept: true, KeptSide: Theirs}
	case theirs == nil:
		if sameRecord(*base, *ours) {
			return Outcome{}
		}
		return Outcome{Record: ours.Clone(), Present: true, Kept: true, KeptSide: Ours}
	}
	b := Record{}
	if base != nil {
		b = *base
	}
	return mergeFields(b, *ours, *theirs, rules)
}

// sameRecord reports whether two records have the same fields.
func sameRecord(a, b Record) bool {
	if len(a.Fields) != len(b.Fields) {
		return false
	}
	for k, v := range a.Fields {
		if w, ok := b.Fields[k]; !ok || !Equal(v, w) {
			return false
		}
	}
	return true
}

// units lists the merge units of the records: groups by name, then every
// field in no group.
func units(rules Rules, recs ...Record) []string {
	inGroup := map[string]bool{}
	var out []string
	for g, fs := range rules.Groups {
		out = append(out, g)
		for _, f := range fs {
			inGroup[f] = true
		}
	}
	seen := map[string]bool{}
	for _, r := range recs {
		for f := range r.Fields {
			if !inGroup[f] && !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	slices.Sort(out)
	return out
}

// value is a unit's value in r: a field's, or for a group an object of the
// fields r has (nil when it has none).
func value(r Record, rules Rules, unit string) json.RawMessage {
	fs, ok := rules.Groups[unit]
	if !ok {
		return r.Fields[unit]
	}
	obj := map[string]json.RawMessage{}
	for _, f := range fs {
		if v, ok := r.Fields[f]; ok {
			obj[f] = v
		}
	}
	if len(obj) == 0 {
		return nil
	}
	raw, _ := marshal(obj)
	return raw
}

// setValue stores a unit's value in r.
func setValue(r *Record, rules Rules, unit string, v json.RawMessage) {
	fs, ok := rules.Groups[unit]
	if !ok {
		if v == nil {
			delete(r.Fields, unit)
		} else {
			r.Fields[unit] = v
		}
		return
	}
	obj := map[string]json.RawMessage{}
	if v != nil {
		json.Unmarshal(v, &obj)
	}
	for _, f := range fs {
		if fv, ok := obj[f]; ok {
			r.Fields[f] = fv
		} else {
			delete(r.Fields, f)
		}
	}
}

func same(a, b json.RawMessage) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return bytes.Equal(a, b)
}

func mergeFields(b, o, t Record, rules Rules) Outcome {
	out := Outcome{Record: Record{Fields: map[string]json.RawMessage{}, Clocks: map[string]Clock{}}, Present: true}
	clocks, removed := map[string]Clock{}, map[string]Clock{}
	changedO, changedT := map[string]bool{}, map[string]bool{}
	for _, u := range units(rules, b, o, t) {
		vb, vo, vt := value(b, rules, u), value(o, rules, u), value(t, rules, u)
		co, ct := o.Clock(u), t.Clock(u)
		changedO[u], changedT[u] = !same(vo, vb), !same(vt, vb)
		var v json.RawMessage
		var c Clock
		switch {
		case same(vo, vt):
			v, c = vo, co.Max(ct)
			if !changedO[u] {
				c = co
			}
		case !changedO[u]:
			v, c = vt, ct
		case !changedT[u]:
			v, c = vo, co
		default:
			v, c = mergeBoth(u, vb, vo, vt, co, ct, rules, &out)
		}
		if v != nil || rules.Groups[u] != nil {
			setValue(&out.Record, rules, u, v)
		}
		switch {
		case v != nil:
			clocks[u] = c
		case vb != nil || vo != nil || vt != nil:
			// A removed field keeps the clock of its removal, so that a
			// later merge can tell a removal (a restore from the trash)
			// from an older value.
			removed[u] = c
		}
	}
	// Units removed before, on either side: their removal clocks stay.
	for _, r := range []Record{o, t} {
		for u, c := range r.Clocks {
			if _, present := clocks[u]; !present && u != DefaultClock && value(out.Record, rules, u) == nil {
				removed[u] = removed[u].Max(c)
			}
		}
	}
	if ts := rules.Tombstone; ts != "" {
		keepAgainstDeletion(b, o, t, rules, changedO, changedT, clocks, removed, &out)
	}
	out.Record.Clocks = compactClocks(clocks, removed)
	return out
}

// mergeBoth merges a unit both sides changed.
func mergeBoth(u string, vb, vo, vt json.RawMessage, co, ct Clock, rules Rules, out *Outcome) (json.RawMessage, Clock) {
	if key, ok := rules.Sets[u]; ok {
		if v, ok := mergeSet(vb, vo, vt, key); ok {
			return v, co.Max(ct)
		}
	}
	if slices.Contains(rules.Latest, u) {
		if v, ok := later(vo, vt); ok {
			return v, co.Max(ct)
		}
	}
	winner := Ours
	if co.Before(ct) || co == ct && bytes.Compare(vo, vt) < 0 {
		winner = Theirs
	}
	out.Conflicts = append(out.Conflicts, Conflict{Field: u, Winner: winner, Ours: vo, Theirs: vt})
	if winner == Ours {
		return vo, co
	}
	return vt, ct
}

// keepAgainstDeletion applies the rule that a record deleted on one side
// and edited on the other stays.
func keepAgainstDeletion(b, o, t Record, rules Rules, changedO, changedT map[string]bool, clocks, removed map[string]Clock, out *Outcome) {
	ts := rules.Tombstone
	vb := value(b, rules, ts)
	if vb != nil || !out.Record.Has(ts) {
		return
	}
	edited := func(changed map[string]bool) bool {
		for u, ch := range changed {
			if ch && u != ts && !slices.Contains(rules.Passive, u) {
				return true
			}
		}
		return false
	}
	var side Side
	switch {
	case changedO[ts] && !changedT[ts] && edited(changedT):
		side = Theirs
	case changedT[ts] && !changedO[ts] && edited(changedO):
		side = Ours
	default:
		return
	}
	delete(out.Record.Fields, ts)
	delete(clocks, ts)
	delete(removed, ts)
	out.Kept, out.KeptSide = true, side
}

// mergeSet merges JSON arrays as sets: elements both sides kept, and the
// elements either side added (ours first, in their order).
func mergeSet(vb, vo, vt json.RawMessage, key func(json.RawMessage) string) (json.RawMessage, bool) {
	var eb, eo, et []json.RawMessage
	for _, p := range []struct {
		v   json.RawMessage
		dst *[]json.RawMessage
	}{{vb, &eb}, {vo, &eo}, {vt, &et}} {
		if p.v == nil || string(p.v) == "null" {
			continue
		}
		if err := json.Unmarshal(p.v, p.dst); err != nil {
			return nil, false
		}
	}
	keys := func(es []json.RawMessage) map[string]bool {
		m := make(map[string]bool, len(es))
		for _, e := range es {
			m[key(e)] = true
		}
		return m
	}
	kb, ko, kt := keys(eb), keys(eo), keys(et)
	out := []json.RawMessage{}
	seen := map[string]bool{}
	for _, e := range eo {
		k := key(e)
		if seen[k] || kb[k] && !kt[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	for _, e := range et {
		k := key(e)
		if seen[k] || kb[k] || ko[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	if len(out) == 0 {
		switch {
		case vo == nil || vt == nil:
			return nil, true
		case string(vo) == "null" || string(vt) == "null":
			return json.RawMessage("null"), true
		}
	}
	raw, err := marshal(out)
	return raw, err == nil
}

// later returns the later of two RFC 3339 times.
func later(a, b json.RawMessage) (json.RawMessage, bool) {
	var sa, sb string
	if json.Unmarshal(a, &sa) != nil || json.Unmarshal(b, &sb) != nil {
		return nil, false
	}
	ta, err1 := time.Parse(time.RFC3339Nano, sa)
	tb, err2 := time.Parse(time.RFC3339Nano, sb)
	if err1 != nil || err2 != nil {
		return nil, false
	}
	if ta.Before(tb) || ta.Equal(tb) && sa < sb {
		return b, true
	}
	return a, true
}

// compactClocks keeps as the default clock the one most units present
// have (the latest on a tie) and lists the others, and the clocks of
// removed units.
func compactClocks(cs, removed map[string]Clock) map[string]Clock {
	out := map[string]Clock{}
	if len(cs) > 0 {
		count := map[Clock]int{}
		for _, c := range cs {
			count[c]++
		}
		var def Clock
		best := -1
		for c, n := range count {
			if n > best || n == best && def.Before(c) {
				def, best = c, n
			}
		}
		out[DefaultClock] = def
		for u, c := range cs {
			if c != def && u != DefaultClock {
				out[u] = c
			}
		}
	}
	for u, c := range removed {
		if u != DefaultClock {
			out[u] = c
		}
	}
	return out
}

// Stamp gives r the clocks of a local change: every unit whose value
// differs from prev (the record as last synced; nil for a new record),
// removed units included, gets clock c; the others keep prev's clocks
// (a unit removed earlier keeps the clock of its removal).
func Stamp(prev, r *Record, rules Rules, c Clock) {
	if prev == nil {
		r.Clocks = map[string]Clock{DefaultClock: c}
		return
	}
	cs, removed := map[string]Clock{}, map[string]Clock{}
	for _, u := range units(rules, *prev, *r) {
		v, pv := value(*r, rules, u), value(*prev, rules, u)
		switch {
		case v == nil && pv != nil:
			removed[u] = c
		case v == nil:
		case !same(v, pv):
			cs[u] = c
		default:
			cs[u] = prev.Clock(u)
		}
	}
	for u, pc := range prev.Clocks {
		if _, ok := removed[u]; !ok && u != DefaultClock && value(*prev, rules, u) == nil && value(*r, rules, u) == nil {
			removed[u] = pc // an earlier removal's clock
		}
	}
	r.Clocks = compactClocks(cs, removed)
}

// MaxClock is the latest clock of any unit of r.
func MaxClock(r Record) Clock {
	var m Clock
	for _, c := range r.Clocks {
		m = m.Max(c)
	}
	return m
}
