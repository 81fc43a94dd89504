package cli

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/glossnotes/gloss/internal/outfile"
	"github.com/glossnotes/gloss/notebook"

	"github.com/spf13/cobra"
)

func checkCmd(e *env) *cobra.Command {
	var salvage string
	cmd := &cobra.Command{
		Use:         "check [--salvage NEW_FILE]",
		Annotations: readOnly,
		Short:       "Verify the notebook file, its records and indexes (exit code 1 if anything is wrong)",
		Long: `Verify the notebook: the file's pages, every record (texts against their
SHA-256, annotations against their articles, every index both ways). Each
problem says what is damaged and whether a salvage can save it. Once damage
is known, Gloss refuses to write to the notebook.

--salvage NEW_FILE copies every readable record of the notebook into a new
notebook file (never changing the damaged one) and reports what was saved,
repaired and lost. Then use the new file (--db NEW_FILE, or move it into
place).`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if salvage != "" {
				return runSalvage(e, salvage)
			}
			return runCheck(e)
		},
	}
	cmd.Flags().StringVar(&salvage, "salvage", "", "copy every readable record into this new notebook file")
	return cmd
}

// runCheck checks the notebook; a file too damaged to open as a notebook
// is checked page by page instead.
func runCheck(e *env) error {
	var path string
	var problems []string
	nb, err := e.notebook()
	switch {
	case err == nil:
		path = nb.Path()
		if problems, err = nb.Check(); err != nil {
			return err
		}
	case (errors.Is(err, notebook.ErrNotNotebook) || errors.Is(err, notebook.ErrDamaged)) && e.deps.Doctor != nil:
		if path, err = e.path(); err != nil {
			return err
		}
		if problems, err = e.deps.Doctor.CheckFile(path); err != nil {
			return err
		}
		if len(problems) == 0 {
			problems = []string{"the file cannot be opened as a notebook"}
		}
	default:
		return err
	}
	if e.json {
		if problems == nil {
			problems = []string{}
		}
		if err := e.printJSON(map[string]any{"path": path, "ok": len(problems) == 0, "problems": problems}); err != nil {
			return err
		}
	} else {
		for _, p := range problems {
			e.printf("%s\n", p)
		}
		if len(problems) == 0 {
			e.printf("%s: OK\n", path)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %d problem(s) found; gloss check --salvage NEW_FILE copies what can be saved", path, len(problems))
	}
	return nil
}

// runSalvage copies what can be read of the notebook into a new file.
func runSalvage(e *env, dst string) error {
	if e.deps.Doctor == nil {
		return fmt.Errorf("salvage is not available here")
	}
	src, err := e.path()
	if err != nil {
		return err
	}
	rep, err := e.deps.Doctor.Salvage(src, dst)
	if err != nil {
		return fmt.Errorf("salvage %s into %s: %w", src, dst, err)
	}
	if e.json {
		return e.printJSON(rep)
	}
	e.printf("salvaged %s into %s\n", src, dst)
	for _, k := range slices.Sorted(maps.Keys(rep.Copied)) {
		e.printf("  copied %d %s\n", rep.Copied[k], k)
	}
	for _, l := range rep.Repaired {
		e.printf("  repaired: %s\n", l)
	}
	for _, l := range rep.Lost {
		e.printf("  lost: %s\n", l)
	}
	for _, l := range rep.Notes {
		e.printf("  note: %s\n", l)
	}
	return nil
}

func backupCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:         "backup FILE",
		Annotations: readOnly,
		Short:       "Write a consistent copy of the notebook to FILE (taken in one read transaction)",
		Args:        exactArgs(1, "a destination FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			var n int64
			err = outfile.Write(nb, args[0], func(w io.Writer) error {
				var err error
				n, err = nb.Backup(w)
				return err
			})
			if err != nil {
				return err
			}
			if e.json {
				return e.printJSON(map[string]any{"path": args[0], "bytes": n})
			}
			e.printf("backed up %s to %s (%d bytes)\n", nb.Path(), args[0], n)
			return nil
		},
	}
}
