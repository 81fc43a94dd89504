// Package sync is the exchange side of syncing a notebook through a Git
// remote: the text form of a notebook made for merging (records, paths,
// canonical JSON), the merge rules (a three-way merge per record, field by
// field, with a hybrid logical clock), and the driver of the system's git.
// It knows records and fields, not notebook types: package notebook
// (sync_*.go) turns its articles, annotations, tags and texts into records,
// resolves what needs notebook knowledge (texts and versions, re-attaching
// highlights, unique keys, the trash) and applies what came in, in one
// transaction. bbolt stays the only live store; the Git copy is an
// exchange format.
//
// # The working copy
//
// Each notebook NAME syncs through a bare Git repository beside it,
// NAME.sync/, whose origin is the remote (a path to a bare repository, an
// SSH or HTTPS URL) and whose branch main is what the notebook last synced.
// It is bare: Gloss writes commits with git fast-import and reads blobs with
// git cat-file, so there is no checked-out tree, and every text is stored
// once (content-addressed, zlib-compressed in Git's packs). The remote's
// main holds:
//
//	gloss-sync.json                          {"format": 1}: refuses other repositories and newer formats
//	articles/XY/ID.json                      an article: metadata, note, tags, current text, versions, trash state
//	annotations/XY/ARTICLE/ID.json           an annotation of ARTICLE
//	texts/ab/SHA256.json                     a text and its paragraph kinds, named by the SHA-256 of the text
//	tags/SHA256.json                         a tag record, named by the SHA-256 of its key (TagKey)
//
// XY is the last two characters of the (article) ID and ab the first two of
// the hash, so that no directory has more than a few dozen entries and a
// commit that changes one record rewrites only small tree objects. One
// record per file means that two people's unrelated changes touch different
// files. Records are JSON objects with sorted keys, one field per line
// (nested values indented), so git diff and git log -p read well.
//
// Not synced: an article's source bytes (large, and only needed to
// re-extract locally), annotations imported before their article
// (pending, local to the machine that imported the file), notebook
// settings (muted reuse passages) and derived indexes.
//
// # Deletion is a field
//
// Trashing an item does not remove its file: the record gains a "deleted"
// field (when, the title shown in the trash, and for annotations trashed
// with their article, "with": the article's ID). A record leaves the tree
// only when two articles found to be one are merged. So the trash is
// synced like everything else, restoring is clearing the field, and "an
// edit against a deletion" is a question about one record's fields.
//
// # Clocks
//
// Every record carries "clock": the hybrid logical clock (HLC) of the last
// change of each field ("_" for fields not listed, the record's creation).
// The notebook does not store clocks: when the notebook's changes are
// written out, a field that differs from the last synced record gets the
// clock max(the record's change time, the highest clock seen so far + 1),
// and the highest clock seen is kept as a notebook setting. So a change
// made after seeing another is always later than it (the HLC property),
// while two changes made offline are ordered by their wall-clock time.
// Clocks are written as 2025-03-01T10:20:30.456Z.0007 (milliseconds and a
// counter), which sort as text.
//
// # Merge rules
//
// Git only transports and keeps history; it never merges. Gloss finds the
// merge base of its commit and the remote's, and merges every record that
// changed on either side (Merge):
//
//   - a field changed on one side takes that side's value; changed on both
//     to different values, the later clock wins (ties: the larger value);
//   - fields grouped as one value (an annotation's anchor: its passage,
//     quote, context, status and history; an article's current text and
//     version number) merge as one;
//   - sets (tags) merge: additions from both sides are kept, a removal
//     wins only over a side that kept the element;
//   - "updated" takes the later time;
//   - deleted on one side and edited on the other, the record stays (it
//     is restored from the trash) and the sync reports it;
//   - a file removed on one side and changed on the other is kept.
//
// Package notebook then resolves what involves more than one record: the
// loser of a text conflict becomes an earlier version and the highlights
// are re-attached to the winner (package anchor), a live highlight on a
// trashed article restores the article, every tag an item carries has a
// record, and live articles keep unique texts, URLs and citation keys
// (two articles with one text, imported on two machines, become one).
// What loses is kept in the history: in the article's versions, the
// trash, or Git's history of the record's file.
//
// # Speed
//
// A sync reads and writes only what changed. The notebook keeps a journal
// of the items changed since the last export (written in the same
// transaction as each change, and trusted only while its generation is
// the notebook's), and the working copy a cache of the synced commit's
// files with a digest of each record (gloss-index), so that an export
// makes records of the changed items alone and compares digests; a merge
// reads only the files the remote changed (git diff-tree against the
// merge base), and takes a file only the remote changed as it is. Git
// runs a fixed number of times per sync (fast-import for each commit,
// one cat-file for every blob read, fetch and push), never once per file.
//
// # Why the system's git
//
// The user's SSH keys, credential helpers and proxies apply, and any Git
// host works. A pure-Go implementation (github.com/go-git/go-git) was
// considered and not chosen: it would bring its own transport and
// authentication (and a large dependency) where the issue asks for the
// user's own Git set-up, and it has no equivalent of fast-import for
// writing a 100,000-file commit quickly. Every git call runs with a
// timeout, GIT_TERMINAL_PROMPT=0, LC_ALL=C, no inherited GIT_DIR-like
// variables, and in its own process group so that a cancelled call also
// stops the ssh it started.
package sync
