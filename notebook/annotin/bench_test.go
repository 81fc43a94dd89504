package annotin_test

import (
	"bytes"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook/annotin"
)

const benchRecords = 20_000

// benchInput builds an export of benchRecords annotations in a format.
func benchInput(kind annotin.Kind) []byte {
	var b bytes.Buffer
	quote := "the shoreline retreated by almost two metres a year, the survey found"
	switch kind {
	case annotin.Hypothesis:
		b.WriteString(`{"total":20000,"rows":[`)
		for i := 0; i < benchRecords; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":"h%d","created":"2024-05-02T08:15:30.123456+00:00","updated":"2024-05-02T08:15:30.123456+00:00","user":"acct:nadia@hypothes.is","uri":"https://example.org/a/%d","text":"Note %d","tags":["coast","erosion"],"target":[{"source":"https://example.org/a/%d","selector":[{"type":"TextPositionSelector","start":%d,"end":%d},{"type":"TextQuoteSelector","exact":"%s","prefix":"Between 2010 and 2020 ","suffix":", officials said"}]}],"document":{"title":["Article %d"]}}`,
				i, i%500, i, i%500, i, i+len(quote), quote, i%500)
		}
		b.WriteString(`]}`)
	case annotin.W3C:
		b.WriteString(`{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":{"type":"AnnotationPage","items":[`)
		for i := 0; i < benchRecords; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":"urn:gloss:annotation:%d","type":"Annotation","motivation":"commenting","created":"2024-03-01T09:03:00Z","modified":"2024-03-01T09:03:00Z","body":[{"type":"TextualBody","value":"Note %d","purpose":"commenting","format":"text/markdown"},{"type":"TextualBody","value":"coast","purpose":"tagging"}],"target":{"source":"https://example.org/a/%d","title":"Article %d","selector":[{"type":"TextQuoteSelector","exact":"%s","prefix":"Between 2010 and 2020 ","suffix":", officials said"},{"type":"TextPositionSelector","start":%d,"end":%d}]},"gloss:color":"yellow"}`,
				i, i, i%500, i%500, quote, i, i+len(quote))
		}
		b.WriteString(`]}}`)
	case annotin.Readwise:
		b.WriteString("Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags,URL\n")
		for i := 0; i < benchRecords; i++ {
			fmt.Fprintf(&b, "\"%s\",Article %d,Anna Keller,,Note %d,yellow,\"coast,erosion\",offset,%d,2024-01-15 10:22:31+00:00,,https://example.org/a/%d\n",
				strings.ToUpper(quote[:1])+quote[1:], i%500, i, i, i%500)
		}
	}
	return b.Bytes()
}

// BenchmarkParse reads 20,000 annotations in each format (cpu-s/op is
// the CPU time per parse).
func BenchmarkParse(b *testing.B) {
	for _, kind := range annotin.Kinds {
		in := benchInput(kind)
		b.Run(string(kind), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			cpu := cpuTime()
			for b.Loop() {
				k, recs, err := annotin.Parse(bytes.NewReader(in), "bench", annotin.Limits{})
				if err != nil || k != kind || len(recs) != benchRecords {
					b.Fatalf("%q, %d records, %v", k, len(recs), err)
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// cpuTime is the CPU time the process has used (user and system, all
// threads): on a shared machine a fairer measure than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
