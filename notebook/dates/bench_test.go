package dates

import (
	"strings"
	"testing"

	"github.com/glossnotes/gloss/internal/testutil/cputime"
)

// longParagraph is a long paragraph (about 1,400 characters) with a dozen
// date expressions of all kinds.
var longParagraph = "The foreign minister arrived in the capital on Tuesday for a two-day visit, his first since July 2022, " +
	"when the two governments signed a defence pact. A second delivery of helicopters landed on January 19, " +
	"the ministry said last week, while a UN report published earlier this month put the number of instructors " +
	"at 1,400. Between 2012 and 2014 the country received $2.5bn in aid, and the G7 pledged more in 2019; " +
	"two years ago the junta expelled the French ambassador, and on 15 August 2022 the last French troops left. " +
	"The talks, first planned for February 2022, were postponed twice, and the next round will be held in mid-March. " +
	"Prices of millet have doubled since the drought of the summer of 2021, traders said on Monday, and 737 " +
	"families left the region in the 1990s and again in 2012–13. Officials said 100% of schools in three districts " +
	"had closed by 2020, and that COVID-19 had made things worse. The minister will return next month, and " +
	"parliament is expected to vote on the agreement on 3 March 2023 or, at the latest, by the end of 2023. " +
	"Article 5 of the pact obliges both sides to consult, the spokesman said at 10 am, before the home side won 3-1."

// BenchmarkFind measures the extraction at highlight time: Find on a long
// paragraph (the target is ≤ 1 ms).
func BenchmarkFind(b *testing.B) {
	b.SetBytes(int64(len(longParagraph)))
	cpu := cputime.Process()
	for b.Loop() {
		Find(longParagraph, wed8Feb, true)
	}
	b.ReportMetric(float64((cputime.Process()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

// BenchmarkForPassage measures ForPassage for a short highlight inside a
// 100 KB article (the passage's sentences are scanned, not the article).
func BenchmarkForPassage(b *testing.B) {
	article := strings.Repeat(longParagraph+"\n\n", 70)
	mid := len([]rune(article)) / 2
	cpu := cputime.Process()
	for b.Loop() {
		ForPassage(article, mid, mid+40, wed8Feb, true)
	}
	b.ReportMetric(float64((cputime.Process()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}
