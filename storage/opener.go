package storage

import "github.com/glossnotes/gloss/notebook"

// OpenNotebook is the notebook.Opener on bbolt files that main hands to
// both front ends: it opens the notebook file at path ("" for DefaultPath)
// read-write (creating it when missing) or read-only (never creating or
// changing it), and returns the service over it.
func OpenNotebook(path string, mode notebook.Mode) (*notebook.Notebook, error) {
	if path == "" {
		var err error
		if path, err = DefaultPath(); err != nil {
			return nil, err
		}
	}
	var db *DB
	var err error
	if mode == notebook.ReadOnly {
		db, err = OpenReadOnly(path)
	} else {
		db, err = Open(path)
	}
	if err != nil {
		return nil, err // "notebook PATH: …"
	}
	return notebook.New(db), nil
}

var _ notebook.Opener = OpenNotebook
