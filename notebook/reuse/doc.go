// Package reuse finds text reuse between the documents of a notebook:
// passages of one article that also occur, verbatim or lightly edited, in
// others (a wire dispatch rewritten by a dozen outlets, a press release
// pasted into reports, a quote carried everywhere). It is a leaf package:
// pure functions over plain strings, no notebook types and no I/O.
//
// # Use
//
// An Index holds documents (Put, Delete) and answers Passages(docID), the
// reused passages of one document with the spans of the other documents
// they are aligned with, and Clusters(), every group of spans that share
// a passage. Offsets count Unicode code points of the text given to Put.
// WriteTo and Read save and load the index. Mute hides a cluster by its
// key. Sources, SourceDocs and Earliest group spans or documents into
// independent sources and name a cluster's earliest carrier, given the
// documents' publication dates. Naive is the pairwise baseline.
//
// # What is a passage
//
// Texts are compared as sequences of normalised words. A word is a run of
// letters, digits and combining marks, decomposed (NFKD), without its
// diacritics, case folded, with digits of any script as ASCII digits;
// everything else (spaces, punctuation, every kind of quotation mark,
// apostrophe and dash) only separates words, so quote marks and dashes
// never make two texts differ. Numbers lose their group separators
// ("1,000", "1.000", "1 000", "1 000" are all 1000, while "3.5" and "3,5"
// both read as 3 5), "%" reads as "percent" and "per cent" is one word.
// Han, Hiragana and Katakana are written without spaces, so each of their
// characters is a word: a Chinese or Japanese passage must share MinWords
// characters, about a short sentence (raise MinWords for such a notebook
// if that proves too loose). Other scripts written without spaces (Thai,
// Lao, Khmer, Burmese) are compared in the runs between their spaces,
// which finds verbatim copies but tolerates fewer edits.
//
// Two documents share a passage when, after alignment, their spans have
// at least MinWords words in common (default 20), not counting words that
// lie inside stock phrases, with a similarity of at least MinSimilarity.
// Light edits do not split a passage: words changed here and there (up to
// about a fifth of them), a sentence added, dropped or rewritten inside
// it (up to MaxGap words, default 40), other quotation marks or number
// formats. The span is the whole shared region, not its exact pieces.
//
// Not reuse: a document's own repeated sentences (a document is never
// compared with itself, and 5-grams repeated more than four times in a
// text seed nothing); stock phrases and boilerplate, that is any 5-word
// sequence found in more than CommonDocs documents (default 50, so an
// importer's leftover footer is suppressed once it is in more than 50
// articles; a smaller notebook can lower it), and a built-in list of wire
// credits and attributions ("the Associated Press contributed to this
// report", "did not immediately respond to a request for comment") that
// applies even in a small notebook; and shared text shorter than MinWords
// words. Boilerplate in fewer than CommonDocs documents is reported; the
// user mutes it.
//
// # Method, and why
//
// Text-reuse detection at scale is done in two steps, candidate search
// with fingerprints and alignment of the candidates: plagiarism detectors
// (MOSS's winnowing), churnalism detectors and newspaper reuse
// studies (Passim, TRACER) all work this way. This package follows
// Passim's choices, which fit news text:
//
//   - Fingerprints are hashes of every 5-word sequence (5-gram). Short
//     enough that a passage with a word changed every seven words still
//     shares a third of its 5-grams, long enough that a shared 5-gram that
//     is not a stock phrase is rare by chance. All 5-grams are kept rather
//     than winnowed: winnowing keeps only the minimum hash of each window,
//     which guarantees finding verbatim copies but loses edited ones,
//     whose windows differ in the two texts; with 8-byte postings the full
//     set of 10,000 articles of 800 words costs 64 MB, which fits.
//     MinHash/LSH was not used: it estimates the similarity of whole
//     documents (or fixed shingle sets), not which spans are shared, and a
//     20-word passage in two 800-word articles leaves their similarity
//     near zero.
//   - Document frequencies of the 5-grams come free from the postings and
//     tell stock phrases and boilerplate (more than CommonDocs documents)
//     from content. Candidates for a document are the documents sharing
//     at least max(3, MinWords/4) distinct non-common 5-grams with it.
//   - Alignment turns the shared 5-grams of a candidate pair into spans:
//     seeds are chained by dynamic programming (a seed follows another if
//     both texts move forward by at most MaxGap+5 words and the gaps
//     differ by at most MaxGap words), each chain's ends are extended word
//     by word, and the words in common are counted (seed coverage, the
//     longest common subsequence of each gap, the extensions). See
//     align.go for the details.
//
// No Go module does this: the module proxy offers no winnowing or
// text-alignment package, and github.com/mfonda/simhash (the nearest)
// gives a 64-bit similarity hash of a whole text, unmaintained since
// 2015. The normalisation uses golang.org/x/text/unicode/norm, already a
// Gloss dependency; everything else is the standard library.
//
// # Cost
//
// A document costs 9 bytes a word in the index (word hashes and offsets)
// and 8 bytes a 5-gram in the postings: about 135 MB of heap for 10,000
// articles of 800 words. Put tokenises outside the lock and queues the
// fingerprints; the next read merges them (one sort for a bulk load).
// Passages looks up each distinct 5-gram of the document once and aligns
// the candidates only; Clusters scans the postings in batches of
// documents, counting shared keys per pair without lookups, and aligns
// each candidate pair once on all cores. Naive aligns every pair and
// returns exactly the same passages and clusters. BENCH.md has the
// figures.
//
// # Keys and muting
//
// A passage's Key is the hash, in 16 hex digits, of the smallest content
// 5-gram (at least three words that are not function words) that its
// span shares with the spans it is aligned with. It depends only on
// those texts, so it is the same after documents that do not carry the
// passage are added or removed, and an unedited copy has the same key in
// every carrier. A cluster's Key is the smallest of its pairs' keys. Mute
// (or Options.Muted) takes keys; a pair of spans is muted when either
// span contains a muted fingerprint, and a passage or cluster with a
// muted pair is hidden. So muting a passage hides it in every document
// that carries it in a form aligned with a muted text, and the mute
// survives the cluster gaining or losing members. Edited variants aligned
// only with other variants that lack the fingerprint stay visible (mute
// their key too). Muting is the caller's record and is not saved with the
// index.
//
// # Limits
//
// Put refuses an empty ID or one longer than MaxIDBytes, and indexes at
// most Options.MaxWords words of a text (default and maximum 2^22); an
// index holds at most 2^24 documents. Words longer than 64 characters are
// cut. Read checks every count, offset and checksum of a saved index
// before using it, grows its memory only with the data actually read, and
// reports a damaged or foreign file as an error wrapping ErrFormat.
package reuse
