package app

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"time"
)

// The desktop's own file chooser, when one can be run: zenity (GNOME and
// most desktops) or kdialog (KDE). Fyne 2.7's file dialog is drawn by Fyne
// and picks a single file; the desktop's chooser looks native and picks
// several. When neither program is installed, Gloss falls back to Fyne's.

// errNoNativeDialog means no desktop file chooser is installed.
var errNoNativeDialog = errors.New("no desktop file chooser (zenity or kdialog) installed")

// lookPath finds a program; tests replace it.
var lookPath = exec.LookPath

// nativeChooserTimeout bounds how long a chooser may stay open.
const nativeChooserTimeout = 30 * time.Minute

// chooserCommand returns the command line that asks for several files
// with the desktop's chooser, filtered to the extensions ("*.html"…).
func chooserCommand(title string, exts []string) ([]string, error) {
	var globs []string
	for _, e := range exts {
		globs = append(globs, "*"+e)
	}
	if p, err := lookPath("zenity"); err == nil {
		return []string{p, "--file-selection", "--multiple", "--separator=\n", "--title=" + title,
			"--file-filter=Articles | " + strings.Join(globs, " "), "--file-filter=All files | *"}, nil
	}
	if p, err := lookPath("kdialog"); err == nil {
		return []string{p, "--getopenfilename", ".", strings.Join(globs, " ") + "|Articles", "--multiple", "--separate-output", "--title", title}, nil
	}
	return nil, errNoNativeDialog
}

// chooseFilesNative runs the desktop's chooser and returns the chosen
// paths; none (and no error) when the user cancels.
func chooseFilesNative(title string, exts []string) ([]string, error) {
	args, err := chooserCommand(title, exts)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), nativeChooserTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, args[0], args[1:]...).Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 {
		return nil, nil // cancelled
	}
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, line := range strings.Split(string(out), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			paths = append(paths, line)
		}
	}
	return paths, nil
}
