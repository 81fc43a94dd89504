package notebook

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// syncSetting is the notebook setting that holds the sync's state.
const syncSetting = "sync"

// syncState is what the notebook remembers of its sync, in one setting
// written in the same transaction as the changes it describes.
type syncState struct {
	Remote string `json:"remote"`
	// Commit is the commit whose records the notebook holds, apart from
	// local changes made since (the export finds those by comparing).
	Commit string `json:"commit,omitempty"`
	// Clock is the highest clock seen or given (see package sync).
	Clock gsync.Clock `json:"clock"`
	// Gen is the notebook's generation right after the sync's last write;
	// while it is unchanged there is nothing to send. 0: unknown.
	Gen       uint64    `json:"gen,omitempty"`
	Last      time.Time `json:"last,omitempty"` // the last sync that completed
	LastError string    `json:"last_error,omitempty"`
	ErrorAt   time.Time `json:"error_at,omitempty"`
}

func (s syncState) commit() gsync.OID {
	o, _ := gsync.ParseOID(s.Commit)
	return o
}

// readSyncState reads the sync state; ok is false for a notebook that
// does not sync.
func readSyncState(tx Tx) (syncState, bool, error) {
	var s syncState
	raw, ok, err := tx.Setting(syncSetting)
	if err != nil || !ok {
		return s, false, err
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, false, fmt.Errorf("the sync setting is damaged: %v", err)
	}
	return s, s.Remote != "", nil
}

// loadSyncState reads the sync state in a read transaction of its own;
// ok is false for a notebook that does not sync.
func (n *Notebook) loadSyncState() (st syncState, ok bool, err error) {
	err = n.view(func(tx Tx) error {
		st, ok, err = readSyncState(tx)
		return err
	})
	return st, ok, err
}

func writeSyncState(tx Tx, s syncState) error {
	raw, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return tx.PutSetting(syncSetting, raw)
}

// syncIndex lists the files of the commit the notebook reflects, with the
// digest of each record's content (see sync_digest.go), so that an export
// finds what changed without reading every file. It is a cache kept in the
// working copy (gloss-index), stamped with its commit, and rebuilt or
// brought up to date from Git when it does not match.
type syncIndex struct {
	Commit gsync.OID
	Files  map[string]indexEntry
}

type indexEntry struct {
	Blob gsync.OID
	Sum  [16]byte // zero for texts and the marker
}

const indexFile = "gloss-index"

// indexMagic starts the index cache; the last byte is its format (3: a
// binary list, since digests are made from typed values). A cache of
// another format is rebuilt.
const indexMagic = "gloss-index\x00\x03"

// loadIndex returns the index of commit c, from the cache when it is
// current, else brought up to date from the cached commit, else rebuilt
// by reading every record.
func loadIndex(ctx syncCtx, c gsync.OID) (*syncIndex, error) {
	if c.IsZero() {
		return &syncIndex{Files: map[string]indexEntry{}}, nil
	}
	if idx, err := readIndex(filepath.Join(ctx.repo.Dir, indexFile)); err == nil {
		if idx.Commit == c {
			return idx, nil
		}
		if has, _ := ctx.blobs.HasCommit(idx.Commit); has {
			changes, err := ctx.repo.Diff(ctx, idx.Commit, c)
			if err == nil {
				if err := idx.update(ctx, changes); err == nil {
					idx.Commit = c
					return idx, nil
				}
			}
		}
	}
	idx := &syncIndex{Files: map[string]indexEntry{}}
	tree, err := ctx.repo.ListTree(ctx, c)
	if err != nil {
		return nil, err
	}
	var changes []gsync.Change
	for p, o := range tree {
		changes = append(changes, gsync.Change{Path: p, New: o})
	}
	if err := idx.update(ctx, changes); err != nil {
		return nil, err
	}
	idx.Commit = c
	return idx, nil
}

// update applies changes to the index, reading the new records.
func (idx *syncIndex) update(ctx syncCtx, changes []gsync.Change) error {
	for _, ch := range changes {
		if ch.New.IsZero() {
			delete(idx.Files, ch.Path)
			continue
		}
		e := indexEntry{Blob: ch.New}
		switch k, _, _ := gsync.ParsePath(ch.Path); k {
		case gsync.ArticleFile, gsync.AnnotationFile, gsync.TagFile:
			data, err := ctx.blobs.Read(ch.New, gsync.MaxRecordBytes, ch.Path)
			if err != nil {
				return err
			}
			r, err := gsync.Decode(ch.Path, data)
			if err != nil {
				return err
			}
			e.Sum = recordDigest(ch.Path, r)
		}
		idx.Files[ch.Path] = e
	}
	return nil
}

// save writes the index into the working copy (a cache: a failure only
// costs a rebuild next time): the magic, the commit, the number of files,
// then each file's path (its length as a uvarint, then its bytes), blob
// and digest.
func (idx *syncIndex) save(dir string) error {
	tmp := filepath.Join(dir, indexFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	bw.WriteString(indexMagic)
	bw.Write(idx.Commit[:])
	var n [binary.MaxVarintLen64]byte
	bw.Write(n[:binary.PutUvarint(n[:], uint64(len(idx.Files)))])
	for p, e := range idx.Files {
		bw.Write(n[:binary.PutUvarint(n[:], uint64(len(p)))])
		bw.WriteString(p)
		bw.Write(e.Blob[:])
		bw.Write(e.Sum[:])
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, indexFile))
}

// readIndex reads an index cache written by save; anything else (another
// format, a truncated or damaged file) is an error.
func readIndex(path string) (*syncIndex, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	head := make([]byte, len(indexMagic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != indexMagic {
		return nil, errors.New("not an index of this format")
	}
	idx := &syncIndex{}
	if _, err := io.ReadFull(br, idx.Commit[:]); err != nil {
		return nil, err
	}
	count, err := binary.ReadUvarint(br)
	if err != nil || count > gsync.MaxTreeEntries {
		return nil, errors.New("bad file count")
	}
	idx.Files = make(map[string]indexEntry, count)
	buf := make([]byte, gsync.MaxPathBytes)
	for i := uint64(0); i < count; i++ {
		l, err := binary.ReadUvarint(br)
		if err != nil || l == 0 || l > gsync.MaxPathBytes {
			return nil, errors.New("bad path")
		}
		if _, err := io.ReadFull(br, buf[:l]); err != nil {
			return nil, err
		}
		var e indexEntry
		if _, err := io.ReadFull(br, e.Blob[:]); err != nil {
			return nil, err
		}
		if _, err := io.ReadFull(br, e.Sum[:]); err != nil {
			return nil, err
		}
		idx.Files[string(buf[:l])] = e
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, errors.New("data after the index")
	}
	if idx.Commit.IsZero() {
		return nil, errors.New("no commit")
	}
	return idx, nil
}

// errSyncNotSet: the notebook has no remote.
var errSyncNotSet = errors.New("this notebook does not sync yet: run gloss sync init REMOTE")

// absPath is filepath.Abs.
func absPath(p string) (string, error) { return filepath.Abs(p) }
