// Package atomicfile writes files so that a failure never leaves a partial
// file behind: the content goes to a temporary file in the same directory,
// which is synced and then renamed over the destination.
//
// A destination that exists and is not a regular file — a device such as
// /dev/full or /dev/null, a named pipe — is never replaced: renaming over
// it would put a regular file in its place (as root, over /dev/full). It is
// written directly instead, and every write, the final sync (where the
// device supports one) and the close are checked, so that a device that
// refuses the data (/dev/full: no space left) is an error, not a success.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// Write creates or replaces the file at path with what fill writes.
//
// A new or regular file gets the permission bits perm (use 0600 for
// anything holding the notebook's content, as the notebook file has); it is
// written to a temporary file beside it, synced, and renamed into place,
// so that if fill or any step fails, path is untouched and the temporary
// file is removed. A symbolic link to a regular file stays a link: the file
// it points to is replaced. An existing device or named pipe is written in
// place (its mode is left alone). Write errors that fill ignores are
// caught. Every error names path.
func Write(path string, perm os.FileMode, fill func(w io.Writer) error) error {
	st, err := os.Stat(path) // follows links: what a write would reach
	switch {
	case err == nil && st.IsDir():
		return fmt.Errorf("write %s: is a directory", path)
	case err == nil && !st.Mode().IsRegular():
		if err := writeInPlace(path, fill); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("write %s: %w", path, err)
	}
	target := path
	if lst, lerr := os.Lstat(path); lerr == nil && lst.Mode()&os.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			return fmt.Errorf("write %s: a symbolic link that cannot be followed: %w", path, err)
		}
	}
	if err := replace(target, perm, fill); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// replace writes a temporary file beside target and renames it over
// target.
func replace(target string, perm os.FileMode, fill func(w io.Writer) error) (err error) {
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp*") // mode 0600
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = stripPath(err, tmp.Name())
		}
	}()
	if perm.Perm() != 0o600 {
		if err = tmp.Chmod(perm.Perm()); err != nil {
			return err
		}
	}
	ew := &checkedWriter{w: tmp}
	if err = fill(ew); err != nil {
		return err
	}
	if ew.err != nil {
		return ew.err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	return syncDir(dir)
}

// writeInPlace writes to an existing file that is not a regular file: it
// is opened for writing without creating or truncating it.
func writeInPlace(path string, fill func(w io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return stripPath(err, path)
	}
	ew := &checkedWriter{w: f}
	err = fill(ew)
	if err == nil {
		err = ew.err
	}
	if serr := f.Sync(); err == nil && serr != nil && !syncUnsupported(serr) {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return stripPath(err, path)
}

// syncUnsupported reports a sync refused because the file kind has nothing
// to sync (pipes, character devices).
func syncUnsupported(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, errors.ErrUnsupported)
}

// syncDir makes a rename in dir durable. File systems (and systems) that
// cannot sync a directory are not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // e.g. Windows cannot open a directory for syncing
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !syncUnsupported(err) && !errors.Is(err, syscall.EBADF) {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

// checkedWriter remembers the first write error (or short write), so that
// a fill function that ignores it cannot turn a failed write into success.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	c.err = err
	return n, err
}

// stripPath drops an *os.PathError naming the file itself (the caller's
// message names it already), keeping its operation and cause.
func stripPath(err error, name string) error {
	var pe *os.PathError
	if errors.As(err, &pe) && pe.Path == name {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
