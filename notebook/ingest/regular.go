package ingest

import (
	"fmt"
	"io/fs"
)

// NotRegular returns the reason a file of mode m is not read: "is a named
// pipe (FIFO), not a regular file" and the like, or nil for a regular
// file.
func NotRegular(m fs.FileMode) error {
	var kind string
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		kind = "a directory"
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeCharDevice != 0:
		kind = "a character device"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	case m&fs.ModeSymlink != 0:
		kind = "a symbolic link"
	default:
		kind = "a special file"
	}
	return fmt.Errorf("is %s, not a regular file", kind)
}
