package app

import "os"

// removeEmpty deletes path if it is an empty file (left by a save dialog).
func removeEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}
