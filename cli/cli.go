// Package cli is Gloss's command-line front end: the same notebook
// operations as the desktop app, scriptable, with --json output.
//
// Exit codes: 0 success, 1 an operation failed, 2 the command line itself is
// wrong (unknown command or flag, missing argument, or a value the command
// cannot take: a bad colour, date, sort or query). Errors go to standard
// error; results go to standard output.
//
// Commands that only read (list, show, search, export, check, backup, …)
// open the notebook read-only: they never create or change it, and work on
// a notebook file the user may only read.
package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/notebook"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// usageError marks an error in the command line itself (exit code 2).
type usageError struct{ error }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// Deps is what the CLI needs from the program that runs it.
type Deps struct {
	// Open opens a notebook; main wires the bbolt store.
	Open notebook.Opener
	// Doctor checks and salvages files too damaged to open (check).
	Doctor notebook.Doctor
	// DefaultPath names the default notebook file.
	DefaultPath func() (string, error)
	// App, when not nil, is what `gloss` with no command runs (the desktop
	// app, given the --db path or ""); without it, `gloss` alone prints
	// help.
	App func(dbPath string) error
}

// env is what every command needs: streams, flags and the open notebook.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dbPath         string
	json           bool
	nb             *notebook.Notebook
	deps           Deps
	// mode is how the command opens the notebook: commands that only read
	// (annotated readOnly) never create or change it.
	mode notebook.Mode
}

// readOnly marks a command that only reads the notebook.
var readOnly = map[string]string{"gloss-read-only": "true"}

// path is the notebook file the command names: --db, else the default.
func (e *env) path() (string, error) {
	if e.dbPath != "" {
		return e.dbPath, nil
	}
	if e.deps.DefaultPath == nil {
		return "", fmt.Errorf("no notebook given (--db PATH)")
	}
	return e.deps.DefaultPath()
}

// notebook opens the notebook on first use, in the command's mode.
func (e *env) notebook() (*notebook.Notebook, error) {
	if e.nb != nil {
		return e.nb, nil
	}
	nb, err := e.deps.Open(e.dbPath, e.mode)
	if err != nil {
		return nil, err
	}
	e.nb = nb
	return e.nb, nil
}

// resolve opens the notebook and expands an ID or unique ID prefix.
func (e *env) resolve(idOrPrefix string) (*notebook.Notebook, string, error) {
	nb, err := e.notebook()
	if err != nil {
		return nil, "", err
	}
	id, err := nb.Resolve(idOrPrefix)
	return nb, id, err
}

func (e *env) close() {
	if e.nb != nil {
		e.nb.Close()
	}
}

// printJSON writes v as indented JSON.
func (e *env) printJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func (e *env) printf(format string, args ...any) { fmt.Fprintf(e.stdout, format, args...) }

// Run executes the command line args (without the program name) and
// returns the process exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer, deps Deps) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, deps: deps}
	defer e.close()
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	fmt.Fprintln(stderr, "gloss:", err)
	var ue usageError
	// A value the command cannot take (a bad colour, date, sort, query) is
	// a command-line error too: the service reports those as ErrInvalid.
	if errors.As(err, &ue) || isCobraUsage(err) || errors.Is(err, notebook.ErrInvalid) {
		fmt.Fprintln(stderr, "Run 'gloss --help' or 'gloss COMMAND --help' for usage.")
		return ExitUsage
	}
	return ExitError
}

// isCobraUsage recognises the errors cobra itself returns for a bad command
// line (it has no typed errors for them).
func isCobraUsage(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") || strings.Contains(msg, "flag needs an argument") ||
		strings.HasPrefix(msg, "invalid argument") || strings.HasPrefix(msg, "required flag")
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "gloss",
		Short: "Gloss: an offline research notebook for reading, highlighting and citing articles",
		Long: `Gloss keeps the articles you study in one local notebook file. Import
articles, highlight passages with notes and tags, search everything and
export annotated excerpts with citations.

Run gloss with no arguments to open the desktop app.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if f := cmd.Flags().Lookup("db"); f != nil && f.Changed && strings.TrimSpace(e.dbPath) == "" {
				return usagef("--db: empty path (leave the flag out for the default notebook)")
			}
			if cmd.Annotations["gloss-read-only"] == "true" {
				e.mode = notebook.ReadOnly
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if e.deps.App == nil {
				return cmd.Help()
			}
			return e.deps.App(e.dbPath)
		},
	}
	root.PersistentFlags().StringVar(&e.dbPath, "db", "", "notebook file (default $GLOSS_DB, else ~/.local/share/gloss/notebook.db)")
	root.PersistentFlags().BoolVar(&e.json, "json", false, "print machine-readable JSON")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		importCmd(e), listCmd(e), showCmd(e), setCmd(e), noteCmd(e),
		highlightCmd(e), annotationsCmd(e), annotationCmd(e), tagCmd(e),
		deleteCmd(e), restoreCmd(e), trashCmd(e),
		editCmd(e), versionsCmd(e), reattachCmd(e),
		searchCmd(e), exportCmd(e), timelineCmd(e), reuseCmd(e), pendingCmd(e), checkCmd(e), backupCmd(e),
		syncCmd(e),
	)
	return root
}

// exactArgs is cobra.ExactArgs with a usage error.
func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("want %s, got %d argument(s)", names, len(args))
		}
		return nil
	}
}

// minArgs is cobra.MinimumNArgs with a usage error.
func minArgs(n int, names string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("want %s", names)
		}
		return nil
	}
}

// isTerminal reports whether w is an interactive terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
