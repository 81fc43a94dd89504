package cli

import (
	"github.com/spf13/cobra"
)

// exportCmd is a placeholder until the exporter lands (owned by the export work).
func exportCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "export", Short: "Export annotated excerpts", RunE: func(cmd *cobra.Command, args []string) error { return usagef("export is not built yet") }}
}
