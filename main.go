// Command gloss is an offline research notebook: with no arguments it opens
// the desktop app; `gloss COMMAND …` runs the command-line interface.
package main

import (
	"os"

	// First: quiet Fyne's locale lookup under the C locale (see package doc).
	_ "github.com/glossnotes/gloss/internal/localefix"

	"github.com/glossnotes/gloss/app"
	"github.com/glossnotes/gloss/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, app.Run))
}
