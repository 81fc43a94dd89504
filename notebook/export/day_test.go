package export_test

import (
	"time"

	"github.com/glossnotes/gloss/notebook"
)

// day is a publication date for fixtures.
func day(y, m, d int) notebook.Date {
	return notebook.DateOf(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC))
}
