package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Salvage reads records from pages the page trees no longer reach: when a
// branch page is damaged, the leaves below it are intact but unreferenced.
// Only pages that are neither reached nor listed as free are read (free
// pages hold old copies of records), only for buckets where a walk lost a
// subtree (any bucket, when the list of buckets is lost), only keys inside
// the key range that subtree held, and only keys the walk did not find
// elsewhere; every record must have the shape of that bucket's records.
// When the free-page list itself is damaged, free pages cannot be told
// apart: the records are still taken, and the report says they may be old
// copies.

// orphanRecord is a record found in an unreferenced leaf page.
type orphanRecord struct {
	bucket string
	page   uint64
	key    string
}

// findOrphans returns the records of unreferenced leaf pages that fill the
// holes a walk left, given which keys the walk did find (have reports
// whether bucket holds key).
func findOrphans(f *rawFile, walk *walkResult, have func(bucket, key string) bool) (found []orphanRecord, notes []string) {
	if err := protectFaults(func() { found, notes = searchOrphans(f, walk, have) }); err != nil {
		return nil, []string{"unreferenced pages were not searched for lost records: " + err.Error()}
	}
	return found, notes
}

func searchOrphans(f *rawFile, walk *walkResult, have func(bucket, key string) bool) (found []orphanRecord, notes []string) {
	if len(walk.lost) == 0 {
		return nil, nil
	}
	_, rootLost := walk.lost[""] // the list of buckets is gone: every bucket may be anywhere
	seen := map[string]uint64{}  // bucket NUL key → page it was taken from
	copies := 0
	for id := uint64(2); id < f.meta.pgid; id++ {
		if walk.reached.has(id) || walk.free.has(id) {
			continue
		}
		p, err := f.readPage(id, true)
		if err != nil || p.flags != leafPageFlag {
			continue
		}
		elems, err := p.elements()
		if err != nil || len(elems) == 0 || checkKeys(elems, nil, nil, false) != nil {
			continue
		}
		bucket := ""
		for _, e := range elems {
			b := shapeOf(e.key, e.value)
			if b == "" || (bucket != "" && b != bucket) || e.flags&bucketLeafFlag != 0 {
				bucket = ""
				break
			}
			bucket = b
		}
		if bucket == "" {
			continue
		}
		for _, e := range elems {
			k := string(e.key)
			if have(bucket, k) || !(rootLost || inLost(walk.lost[bucket], e.key)) {
				continue
			}
			if _, dup := seen[bucket+"\x00"+k]; dup {
				copies++ // an older copy (or a newer one): the first found is kept
				continue
			}
			seen[bucket+"\x00"+k] = id
			found = append(found, orphanRecord{bucket: bucket, page: id, key: k})
		}
		id += uint64(p.overflow) // skip this page's overflow pages
	}
	if len(found) == 0 {
		return nil, nil
	}
	notes = append(notes, fmt.Sprintf("%d records were found in pages no longer referenced by the damaged part of the file", len(found)))
	if !walk.freeOK {
		notes = append(notes, "the free-page list is damaged, so free pages could not be told from lost ones: some of the records found in unreferenced pages may be older copies, or records deleted since")
	}
	if copies > 0 {
		notes = append(notes, fmt.Sprintf("%d records were found in more than one unreferenced page; one copy of each was kept, which may not be the newest", copies))
	}
	return found, notes
}

func inLost(ranges []keyRange, k []byte) bool {
	for _, r := range ranges {
		if r.contains(k) {
			return true
		}
	}
	return false
}

// shapeOf tells which bucket a record belongs to from its value's fields,
// or "" when it does not look like a record of an entity bucket.
func shapeOf(key, value []byte) string {
	if len(value) < 2 || value[0] != encodingV1 || value[1] != '{' {
		return ""
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(value[1:], &fields) != nil {
		return ""
	}
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := fields[n]; !ok {
				return false
			}
		}
		return true
	}
	switch {
	case has("article_id", "start", "end"):
		return string(bAnnotations)
	case has("kind", "deleted"):
		return string(bTrash)
	case has("number", "text_hash", "body") && bytes.IndexByte(key, sep) > 0:
		return string(bVersions)
	case has("id", "title", "text_hash"):
		return string(bArticles)
	case has("media_type", "data"):
		return string(bSources)
	case has("text") && len(fields) <= 2:
		return string(bBodies)
	case has("name") && len(fields) <= 2:
		return string(bTags)
	}
	return ""
}

// deliverOrphans passes the records chosen by findOrphans to fn.
func deliverOrphans(f *rawFile, found []orphanRecord, fn recordFunc) error {
	return protectFaults(func() { deliverOrphanRecords(f, found, fn) })
}

func deliverOrphanRecords(f *rawFile, found []orphanRecord, fn recordFunc) {
	byPage := map[uint64][]orphanRecord{}
	var pages []uint64
	for _, o := range found {
		if _, ok := byPage[o.page]; !ok {
			pages = append(pages, o.page)
		}
		byPage[o.page] = append(byPage[o.page], o)
	}
	for _, id := range pages {
		p, err := f.readPage(id, true)
		if err != nil {
			continue
		}
		elems, err := p.elements()
		if err != nil {
			continue
		}
		want := map[string]string{}
		for _, o := range byPage[id] {
			want[o.key] = o.bucket
		}
		for _, e := range elems {
			if b, ok := want[string(e.key)]; ok {
				fn(b, e.key, e.value)
			}
		}
	}
}
