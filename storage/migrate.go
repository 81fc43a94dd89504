package storage

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/glossnotes/gloss/notebook"
)

// migration is one ordered schema step: it brings a file from schema
// version To-1 to version To.
type migration struct {
	To    int
	Name  string
	Apply func(tx *bolt.Tx) error
}

// migrations lists every schema step in order; SchemaVersion is the last
// one's To. A test may append steps to exercise the framework.
var migrations = []migration{
	{To: 1, Name: "create buckets", Apply: createBuckets},
	{To: 2, Name: "notebook UID for caches", Apply: addUID},
	{To: 3, Name: "citation keys, pending annotations, imported sources", Apply: addSchema3},
}

// SchemaVersion is the schema this program writes.
func SchemaVersion() int { return migrations[len(migrations)-1].To }

func createBuckets(tx *bolt.Tx) error {
	for _, b := range [][]byte{bMeta, bArticles, bBodies, bSources, bVersions, bAnnotations,
		bTags, bTrash, bIdxHash, bIdxURL, bIdxArtAnn, bIdxTag} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return fmt.Errorf("create bucket %s: %w", b, err)
		}
	}
	return nil
}

// addUID gives the notebook file a random ID, so that caches kept beside
// it (the search index) can tell this file from a copy or a replacement.
func addUID(tx *bolt.Tx) error {
	meta := tx.Bucket(bMeta)
	if meta.Get(keyUID) == nil {
		uid := make([]byte, 16)
		if _, err := rand.Read(uid); err != nil {
			return err
		}
		return meta.Put(keyUID, []byte(hex.EncodeToString(uid)))
	}
	return nil
}

// migrate brings the file from schema version `from` to SchemaVersion. For
// an existing file (from > 0) it first writes a backup copy next to it
// (NAME.schemaN-YYYYMMDDTHHMMSS.bak); all steps then run in one
// transaction, so a failure leaves the file as it was.
func (s *DB) migrate(from int) error {
	target := SchemaVersion()
	if from > target {
		return fmt.Errorf("%w: schema %d, this Gloss reads up to %d; update Gloss to open it", notebook.ErrNewerSchema, from, target)
	}
	if from == target {
		return nil
	}
	if from > 0 {
		backup := fmt.Sprintf("%s.schema%d-%s.bak", s.path, from, time.Now().UTC().Format("20060102T150405"))
		if err := s.copyFile(backup); err != nil {
			return fmt.Errorf("backup before migration: %w", err)
		}
	}
	return s.update(func(tx *bolt.Tx) error {
		for _, m := range migrations {
			if m.To <= from {
				continue
			}
			if err := m.Apply(tx); err != nil {
				return fmt.Errorf("migrate to schema %d (%s): %w", m.To, m.Name, err)
			}
		}
		meta := tx.Bucket(bMeta)
		if meta == nil {
			return fmt.Errorf("migration left no meta bucket")
		}
		return meta.Put(keySchema, []byte(strconv.Itoa(target)))
	})
}
