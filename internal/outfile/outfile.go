// Package outfile writes the files a user asks Gloss for — exports,
// backups, timelines — the same way from both front ends: never over one of
// the notebook's own files, atomically (a failure leaves no partial file),
// with mode 0600 like the notebook itself (an export holds the user's notes
// and is private by default), and with every write, the final sync and the
// close checked, so a full disk is an error, not a silent success.
package outfile

import (
	"io"

	"github.com/glossnotes/gloss/internal/atomicfile"
	"github.com/glossnotes/gloss/notebook"
)

// Mode is the permission of every file Gloss writes for the user.
const Mode = 0o600

// Write writes path with what fill writes, after refusing the notebook's
// own files (see Notebook.CheckOutput).
func Write(nb *notebook.Notebook, path string, fill func(io.Writer) error) error {
	if err := nb.CheckOutput(path); err != nil {
		return err
	}
	return atomicfile.Write(path, Mode, fill) // its errors name path
}
