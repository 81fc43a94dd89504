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
//  2. Exact search. First the occurrence of Prefix+Exact+Suffix nearest to
//     the expected position (the old position, shifted by the displacement
//     of the preceding target in ReattachAll), searched in windows of
//     doubling size around it: the passage and its context are intact, only
//     moved by edits elsewhere, so it is Anchored. Otherwise every
//     occurrence of Exact is scored by context similarity, ties broken by
//     nearness to the expected position; the best is Moved. If its context
//     similarity is below 0.5, the approximate match of step 3 is also
//     computed and the higher score wins.
//  3. Approximate search, for quotes of 4 runes or more: Myers'
//     bit-parallel algorithm in 64-bit blocks (no limit on the quote's
//     length) finds the substrings within k = min(m/4, MaxErrors) edits of
//     the m-rune quote, first in a window of max(2048, 4m) runes around the
//     expected position, then in the whole text. The best few regions are
//     scored and the best is Moved if its score is at least MinScore.
//  4. Otherwise the target is Orphaned (offsets 0, score 0). A target with
//     an empty Exact is always orphaned.
//
// Exact targets never reach step 3, and the rune form of the text used by
// step 3 is only built when some target needs it.
//
// # Scoring
//
// A match's score is
//
//	0.70·quote + 0.20·context + 0.10·position
//
// where quote = 1 − edits/m (1 for an exact match); context is the mean
// similarity of the stored Prefix and Suffix with the same number of runes
// before and after the match, each 1 − levenshtein/longer length; and
// position = 1 − |start − expected| / len(text). Step 1 scores exactly 1.
// An approximate match is accepted when it has at most k edits and a score
// of at least MinScore (0.75): for example a match with a quarter of the
// quote's runes edited needs an almost intact context, while a 2-edit match
// of a 40-rune quote is accepted even in a rewritten context.
package anchor
