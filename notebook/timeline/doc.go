// Package timeline lays out and writes a chronology of dated highlights:
// the event timeline of issue 18. It is a leaf package: it knows Items
// (plain values the notebook fills from annotations and their resolved
// event dates, see notebook/dates), not notebook types, and does no I/O
// beyond the io.Writer it is given.
//
// Sort orders items chronologically; Compute sorts them and places each
// on a lane and a row so that marks do not overlap, with the axis Ticks
// for the width in pixels (decades, years, months, weeks or days,
// whichever fits). The app draws from a Layout; the writers produce the
// export formats:
//
//   - WriteJSON: one object per dated highlight, keys in a fixed order.
//   - WriteCSV: the same as a table, formula injection neutralised.
//   - WriteTimelineJS: Knight Lab TimelineJS's JSON, precision-aware.
//   - WriteSVG: a self-contained picture: the axis, one mark per item
//     coloured by its highlight colour, one band per lane, and a row of
//     publication dates joined to the events, so that the gap between an
//     event and its report shows.
//   - WriteHTML: a self-contained page with that SVG and a table.
//
// Everything that comes from the user or an article (quotes, titles,
// lanes, colour names, URLs) is escaped in SVG and HTML; characters that
// XML cannot hold are dropped; colours are taken only as hex values from
// the map the caller gives; only http and https URLs become links.
//
// No library is used: the formats are small, encoding/json, encoding/csv
// and a few lines of escaping do them, and the SVG is written directly so
// that its output is stable for golden-file tests.
package timeline
