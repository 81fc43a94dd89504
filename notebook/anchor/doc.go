// Package anchor locates highlighted passages (quotes) in an article's text
// and re-attaches them after the text changes.
//
// A Target stores a passage the way the W3C Web Annotation model does: a
// position (Start, End) and a quote (Exact, with up to ContextRunes runes
// of Prefix and Suffix). In this package's API offsets are byte offsets on
// rune boundaries unless a name says Rune; exported formats count code
// points (the W3C rule), and Offsets, RuneOffset and ByteOffset convert
// between the two.
//
// # Re-attaching
//
// Reattach and ReattachAll try, in order:
//
//  1. The old position: if text[Start:End] is still Exact, the target is
//     Anchored with score 1.
//  2. Exact search for the occurrences of Exact. The fast path looks for
//     Prefix+Exact+Suffix within 4 KiB of the expected position (the old
//     position, shifted by the displacement of the preceding target in
//     ReattachAll); otherwise every occurrence in the text is scored by
//     context similarity, ties broken by nearness to the expected position.
//     The best occurrence is Anchored if its context similarity is at least
//     0.5 (the quote is unchanged and still in its surroundings, perhaps
//     shifted by edits elsewhere or with a typo fixed next to it), and Moved
//     otherwise; a Moved exact occurrence competes with the approximate
//     match of step 3 and the higher score wins.
//  3. Approximate search, for quotes of 4 runes or more: Myers'
//     bit-parallel algorithm in 64-bit blocks (no limit on the quote's
//     length) finds the substrings within k = min(m/4, MaxErrors) edits of
//     the m-rune quote, first in a window of max(2048, 4m) runes around the
//     expected position, then in the whole text. The best few regions are
//     scored and the best is Moved if its score is at least MinScore.
//  4. Otherwise the target is Orphaned (offsets 0, score 0). A target with
//     an empty Exact is always orphaned.
//
// Anchored targets never reach step 3, and the symbol form of the text that
// step 3 scans is only built when some target needs it; ReattachAll runs
// the approximate searches of different targets in parallel.
//
// # Scoring
//
// A match's score is
//
//	0.70·quote + 0.20·context + 0.10·position
//
// (computed as 1 minus the penalties, so a perfect match is exactly 1)
// where quote = 1 − edits/m (1 for an exact match); context is the mean
// similarity of the stored Prefix and Suffix with the same number of runes
// before and after the match, each 1 − levenshtein/longer length; and
// position = 1 − |start − expected| / len(text). Step 1 scores exactly 1.
// An approximate match is accepted when it has at most k edits and a score
// of at least MinScore (0.75): for example a match with a quarter of the
// quote's runes edited needs a context similarity of at least 0.63 at its
// expected place, while a 2-edit match
// of a 40-rune quote near its expected place is accepted even in a
// rewritten context.
//
// The boundaries of an approximate match are then refined: each end may
// move by up to k runes to where the quote (its edit distance from the
// other end) plus the stored context beyond that end need the fewest edits,
// so that an insertion next to a short first or last word does not cut
// that word off the highlight.
//
// After any non-orphaned result, NewTarget(text, r.Start, r.End) gives the
// updated target (new quote and context) to store.
package anchor
