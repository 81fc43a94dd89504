package export_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
)

// The parts of the CSL 1.0.2 data schema (csl-data.json) that Gloss's
// output must meet, written out here rather than vendored: the allowed item
// types, and which variables are names, dates or plain strings.
var (
	cslTypes = strings.Fields(`article article-journal article-magazine article-newspaper bill book broadcast
		chapter classic collection dataset document entry entry-dictionary entry-encyclopedia event figure
		graphic hearing interview legal_case legislation manuscript map motion_picture musical_score pamphlet
		paper-conference patent performance periodical personal_communication post post-weblog regulation
		report review review-book software song speech standard thesis treaty webpage`)
	cslNameVars = strings.Fields(`author chair collection-editor compiler composer container-author contributor
		curator director editor editorial-director executive-producer guest host interviewer illustrator
		narrator organizer original-author performer producer recipient reviewed-author script-writer
		series-creator translator`)
	cslDateVars   = strings.Fields(`accessed available-date event-date issued original-date submitted`)
	cslStringVars = strings.Fields(`citation-key abstract annote archive archive_collection archive_location
		archive-place authority call-number chapter-number citation-label collection-title container-title
		container-title-short dimensions division DOI edition event event-title event-place genre ISBN ISSN
		jurisdiction keyword language license medium note number number-of-pages number-of-volumes
		original-publisher original-publisher-place original-title page page-first part-number part-title
		PMCID PMID printing publisher publisher-place references reviewed-genre reviewed-title scale section
		source status supplement-number title title-short URL version volume volume-title year-suffix`)
	cslNameProps = map[string]string{
		"family": "string", "given": "string", "dropping-particle": "string", "non-dropping-particle": "string",
		"suffix": "string", "literal": "string", "comma-suffix": "bool", "static-ordering": "bool", "parse-names": "bool",
	}
)

func in(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkCSL validates a CSL-JSON document and returns what is wrong.
func checkCSL(doc []byte) []string {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var items []map[string]any
	if err := dec.Decode(&items); err != nil {
		return []string{"not an array of objects: " + err.Error()}
	}
	ids := map[string]bool{}
	for i, it := range items {
		id, ok := it["id"].(string)
		if !ok || id == "" {
			bad("item %d: id missing or not a string", i)
		}
		if ids[id] {
			bad("item %d: id %q repeats", i, id)
		}
		ids[id] = true
		if typ, _ := it["type"].(string); !in(cslTypes, typ) {
			bad("item %s: type %q is not a CSL type", id, it["type"])
		}
		for k, v := range it {
			switch {
			case k == "id" || k == "type":
			case in(cslNameVars, k):
				names, ok := v.([]any)
				if !ok || len(names) == 0 {
					bad("item %s: %s is not a non-empty array", id, k)
					continue
				}
				for j, n := range names {
					obj, ok := n.(map[string]any)
					if !ok {
						bad("item %s: %s[%d] is not an object", id, k, j)
						continue
					}
					for p, pv := range obj {
						want, known := cslNameProps[p]
						_, isStr := pv.(string)
						_, isBool := pv.(bool)
						if !known || want == "string" && !isStr || want == "bool" && !isBool {
							bad("item %s: %s[%d].%s = %v is not allowed", id, k, j, p, pv)
						}
					}
					lit, _ := obj["literal"].(string)
					fam, _ := obj["family"].(string)
					if (lit == "") == (fam == "") {
						bad("item %s: %s[%d] needs exactly one of literal and family: %v", id, k, j, obj)
					}
				}
			case in(cslDateVars, k):
				obj, ok := v.(map[string]any)
				if !ok {
					bad("item %s: %s is not an object", id, k)
					continue
				}
				parts, ok := obj["date-parts"].([]any)
				if !ok || len(parts) < 1 || len(parts) > 2 {
					bad("item %s: %s.date-parts must hold one or two dates: %v", id, k, obj["date-parts"])
					continue
				}
				for _, p := range parts {
					ymd, ok := p.([]any)
					if !ok || len(ymd) < 1 || len(ymd) > 3 {
						bad("item %s: %s date %v must be [year, month?, day?]", id, k, p)
						continue
					}
					limits := [][2]int64{{-9999, 9999}, {1, 12}, {1, 31}}
					for x, n := range ymd {
						num, ok := n.(json.Number)
						v, err := num.Int64()
						if !ok || err != nil || v < limits[x][0] || v > limits[x][1] {
							bad("item %s: %s date part %d = %v out of range", id, k, x, n)
						}
					}
				}
			case in(cslStringVars, k):
				if s, ok := v.(string); !ok || s == "" {
					bad("item %s: %s = %v is not a non-empty string", id, k, v)
				}
			default:
				bad("item %s: %q is not a CSL variable", id, k)
			}
		}
	}
	return probs
}

func TestWrite_cslSchema(t *testing.T) {
	arts := refArticles(t)
	// Edge cases besides the fixtures: nothing but an ID, and odd values.
	arts = append(arts,
		notebook.Article{ID: "01EMPTY"},
		notebook.Article{ID: "01ODD", Title: "  Line\nbreaks\tand  spaces ", Byline: "((", Outlet: " ", URL: "not a url",
			Published: notebook.DateOf(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)), Language: "x"},
	)
	var b bytes.Buffer
	if _, err := export.Write(&b, stream(arts), export.Options{Format: export.CSL}); err != nil {
		t.Fatal(err)
	}
	for _, p := range checkCSL(b.Bytes()) {
		t.Error(p)
	}
	// The checker itself must catch what it is there for.
	for _, broken := range []string{
		`{"id":"a"}`, `[{"type":"article-newspaper"}]`, `[{"id":"a","type":"newspaper"}]`,
		`[{"id":"a","type":"book","issued":{"date-parts":[2024,1,2]}}]`,
		`[{"id":"a","type":"book","issued":{"date-parts":[[2024,13]]}}]`,
		`[{"id":"a","type":"book","author":[{"family":"X","literal":"Y"}]}]`,
		`[{"id":"a","type":"book","author":"Jane Doe"}]`, `[{"id":"a","type":"book","title":3}]`,
		`[{"id":"a","type":"book","tags":["x"]}]`, `[{"id":"a","type":"book"},{"id":"a","type":"book"}]`,
	} {
		if len(checkCSL([]byte(broken))) == 0 {
			t.Errorf("checkCSL accepts %s", broken)
		}
	}
}
