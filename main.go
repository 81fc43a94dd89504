// Command gloss is an offline research notebook: with no arguments it opens
// the desktop app; `gloss COMMAND …` runs the command-line interface.
//
// main is the one place that wires the notebook service to its store (a
// bbolt file, through storage.OpenNotebook) and hands that opener to both
// front ends; neither imports storage.
package main

import (
	"os"

	// First: quiet Fyne's locale lookup under the C locale (see package doc).
	_ "github.com/glossnotes/gloss/internal/localefix"

	"github.com/glossnotes/gloss/app"
	"github.com/glossnotes/gloss/cli"
	"github.com/glossnotes/gloss/storage"
)

func main() {
	deps := cli.Deps{
		Open:        storage.OpenNotebook,
		Doctor:      storage.Doctor{},
		DefaultPath: storage.DefaultPath,
		App:         func(path string) error { return app.Run(path, storage.OpenNotebook) },
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, deps))
}
