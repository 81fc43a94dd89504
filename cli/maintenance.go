package cli

import (
	"fmt"
	"io"

	"github.com/glossnotes/gloss/internal/outfile"

	"github.com/spf13/cobra"
)

func checkCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:         "check",
		Annotations: readOnly,
		Short:       "Verify the notebook file and its indexes (exit code 1 if anything is wrong)",
		Args:        exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			problems, err := nb.Check()
			if err != nil {
				return err
			}
			if e.json {
				if problems == nil {
					problems = []string{}
				}
				if err := e.printJSON(map[string]any{"path": nb.Path(), "ok": len(problems) == 0, "problems": problems}); err != nil {
					return err
				}
			} else {
				for _, p := range problems {
					e.printf("%s\n", p)
				}
				if len(problems) == 0 {
					e.printf("%s: OK\n", nb.Path())
				}
			}
			if len(problems) > 0 {
				return fmt.Errorf("%s: %d problem(s) found", nb.Path(), len(problems))
			}
			return nil
		},
	}
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
