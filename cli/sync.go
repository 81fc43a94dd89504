package cli

import (
	"context"
	"os"
	"os/signal"
	"time"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/notebook"
)

func syncCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Exchange changes with the notebook's Git remote (see gloss sync init)",
		Long: `Share and sync the notebook through a Git remote: a bare repository on a
shared drive or server (a path, or an SSH or HTTPS URL), GitHub, GitLab or
Gitea. Gloss runs your system's git, so your SSH keys and credential
helpers apply.

  gloss sync init REMOTE    start syncing this notebook through REMOTE
  gloss sync                send this notebook's changes, receive the others'
  gloss sync status         the remote, the last sync, what waits to go out
  gloss sync clone REMOTE   a new notebook (--db) from REMOTE

Conflicts are resolved by Gloss: field by field the later change wins, tags
merge, an edit beats a deletion, a text edited on both sides keeps both
versions. Each resolution is reported.`,
		Args: exactArgs(0, "no arguments (or a subcommand)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSync(e, func(ctx context.Context, nb *notebook.Notebook) (notebook.SyncReport, error) {
				return nb.Sync(ctx)
			})
		},
	}
	var force bool
	initCmd := &cobra.Command{
		Use:   "init REMOTE",
		Short: "Sync this notebook through a Git remote, and run the first sync",
		Args:  exactArgs(1, "REMOTE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSync(e, func(ctx context.Context, nb *notebook.Notebook) (notebook.SyncReport, error) {
				return nb.SyncInit(ctx, args[0], force)
			})
		},
	}
	initCmd.Flags().BoolVar(&force, "force", false, "sync with this remote even if the notebook syncs with another")
	cloneCmd := &cobra.Command{
		Use:   "clone REMOTE",
		Short: "Make a new notebook (--db, or the default) from a Git remote, e.g. on a new machine",
		Args:  exactArgs(1, "REMOTE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := e.path()
			if err != nil {
				return err
			}
			if st, err := os.Stat(path); err == nil && st.Size() > 0 {
				return usagef("%s already exists: clone makes a new notebook (give another --db, or run gloss sync init REMOTE to join this one)", path)
			}
			return runSync(e, func(ctx context.Context, nb *notebook.Notebook) (notebook.SyncReport, error) {
				return nb.SyncInit(ctx, args[0], false)
			})
		},
	}
	statusCmd := &cobra.Command{
		Use:         "status",
		Annotations: readOnly,
		Short:       "Show the remote, the last sync and what waits to go out",
		Args:        exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			st, err := nb.SyncStatus(context.Background())
			if err != nil {
				return err
			}
			if e.json {
				return e.printJSON(st)
			}
			e.printf("remote:     %s\n", st.Remote)
			if st.LastSync.IsZero() {
				e.printf("last sync:  never\n")
			} else {
				e.printf("last sync:  %s\n", st.LastSync.Local().Format(time.DateTime))
			}
			e.printf("to send:    %s, %s not pushed\n", count(st.Pending, "changed record", "changed records"), count(st.Unpushed, "commit", "commits"))
			if st.LastError != "" {
				e.printf("last error: %s (%s)\n", st.LastError, st.ErrorAt.Local().Format(time.DateTime))
			}
			return nil
		},
	}
	cmd.AddCommand(initCmd, cloneCmd, statusCmd)
	return cmd
}

// runSync opens the notebook, runs fn with a context Ctrl-C cancels, and
// prints its report.
func runSync(e *env, fn func(context.Context, *notebook.Notebook) (notebook.SyncReport, error)) error {
	nb, err := e.notebook()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := fn(ctx, nb)
	if err != nil {
		return err
	}
	return printSyncReport(e, rep)
}

func printSyncReport(e *env, rep notebook.SyncReport) error {
	if e.json {
		return e.printJSON(rep)
	}
	e.printf("synced with %s: %s sent, %d received", rep.Remote, count(rep.Sent, "file", "files"), rep.Received)
	if rep.Pushed {
		e.printf(", pushed")
	}
	e.printf("\n")
	for _, c := range rep.Conflicts {
		e.printf("conflict: %s\n", c)
	}
	for _, r := range rep.Refused {
		e.printf("refused: %s\n", r)
	}
	for _, s := range rep.Skipped {
		e.printf("not sent: %s\n", s)
	}
	return nil
}
