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
	"github.com/glossnotes/gloss/internal/identity"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/storage"
)

func main() {
	deps := cli.Deps{
		Open:        open,
		Doctor:      storage.Doctor{},
		DefaultPath: storage.DefaultPath,
		App:         func(path string) error { return app.Run(path, open) },
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, deps))
}

// open is storage's opener with the user's identity set, so that both
// front ends record who made what.
func open(path string, mode notebook.Mode) (*notebook.Notebook, error) {
	nb, err := storage.OpenNotebook(path, mode)
	if err != nil {
		return nil, err
	}
	nb.SetIdentity(identity.Name())
	return nb, nil
}
