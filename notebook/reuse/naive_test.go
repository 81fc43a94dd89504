package reuse

import (
	"reflect"
	"testing"
)

// TestNaive_sameAsIndex checks that the index finds exactly what comparing
// every pair of documents finds: the same passages in every document and
// the same clusters.
func TestNaive_sameAsIndex(t *testing.T) {
	spec := qualitySpec
	spec.seed, spec.originals, spec.derived, spec.unrelated = 23, 60, 120, 60
	c := generate(spec)
	docs := map[string]string{}
	for _, a := range c.arts {
		docs[a.id] = a.text
	}
	for _, opt := range []Options{{}, {MinWords: 10, MaxGap: 20, CommonDocs: 5}} {
		ix := indexCorpus(t, c, opt)
		wantP, wantC := Naive(docs, opt)
		if len(wantC) < 50 {
			t.Fatalf("options %+v: only %d clusters; the corpus should have more", opt, len(wantC))
		}
		n := 0
		for _, a := range c.arts {
			got := ix.Passages(a.id)
			n += len(got)
			if !reflect.DeepEqual(got, wantP[a.id]) {
				t.Errorf("options %+v: Passages(%s) differs from Naive:\n got %+v\nwant %+v", opt, a.id, got, wantP[a.id])
			}
		}
		if got := ix.Clusters(); !reflect.DeepEqual(got, wantC) {
			t.Errorf("options %+v: Clusters differ from Naive: got %d, want %d", opt, len(got), len(wantC))
		}
		t.Logf("options %+v: %d passages, %d clusters, all equal", opt, n, len(wantC))
	}
}

// TestIndex_Clusters_batches checks that Clusters gives the same result
// when its postings scans come in many small batches.
func TestIndex_Clusters_batches(t *testing.T) {
	spec := qualitySpec
	spec.seed, spec.originals, spec.derived, spec.unrelated = 29, 30, 60, 30
	c := generate(spec)
	ix := indexCorpus(t, c, Options{})
	want := ix.Clusters()
	old := clusterCountsVar
	defer func() { clusterCountsVar = old }()
	clusterCountsVar = 9 * len(c.arts) // batches of 9 documents, the last one shorter
	got := ix.Clusters()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Clusters in batches of 9: %d clusters, in one batch: %d", len(got), len(want))
	}
	if len(want) < 20 {
		t.Errorf("only %d clusters", len(want))
	}
}
