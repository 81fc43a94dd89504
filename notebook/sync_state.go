package notebook

import (
	"bufio"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
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

func writeSyncState(tx Tx, s syncState) error {
	raw, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return tx.PutSetting(syncSetting, raw)
}

// syncIndex lists the files of the commit the notebook reflects, with the
// SHA-256 of each record's content without its clocks, so that an export
// finds what changed without reading every file. It is a cache kept in the
// working copy (gloss-index), stamped with its commit, and rebuilt or
// brought up to date from Git when it does not match.
type syncIndex struct {
	// Format is indexFormat; a cache of another format is rebuilt.
	Format int
	Commit gsync.OID
	Files  map[string]indexEntry
}

// indexFormat is the format of the index cache: 2 since digests are made
// from typed values (see sync_digest.go).
const indexFormat = 2

type indexEntry struct {
	Blob gsync.OID
	Sum  [16]byte // zero for texts and the marker
}

const indexFile = "gloss-index"

// loadIndex returns the index of commit c, from the cache when it is
// current, else brought up to date from the cached commit, else rebuilt
// by reading every record.
func loadIndex(ctx syncCtx, c gsync.OID) (*syncIndex, error) {
	idx := &syncIndex{Format: indexFormat, Files: map[string]indexEntry{}}
	if c.IsZero() {
		return idx, nil
	}
	if f, err := os.Open(filepath.Join(ctx.repo.Dir, indexFile)); err == nil {
		err = gob.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(idx)
		f.Close()
		if err == nil && idx.Format != indexFormat {
			err = errors.New("another format")
		}
		if err == nil && idx.Commit == c {
			return idx, nil
		}
		if err == nil && !idx.Commit.IsZero() && idx.Files != nil {
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
	}
	idx = &syncIndex{Format: indexFormat, Files: map[string]indexEntry{}}
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
// costs a rebuild next time).
func (idx *syncIndex) save(dir string) error {
	tmp := filepath.Join(dir, indexFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := gob.NewEncoder(bw).Encode(idx); err != nil {
		f.Close()
		return err
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

// errSyncNotSet: the notebook has no remote.
var errSyncNotSet = errors.New("this notebook does not sync yet: run gloss sync init REMOTE")

// absPath is filepath.Abs.
func absPath(p string) (string, error) { return filepath.Abs(p) }
