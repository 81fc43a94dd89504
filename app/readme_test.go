package app

import (
	"os"
	"strings"
	"testing"
)

// TestShortcuts_readmeAgrees: every shortcut the app's help lists is in
// the README's table, with the same description.
func TestShortcuts_readmeAgrees(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Skipf("no README beside the app: %v", err)
	}
	readme := string(data)
	for _, r := range shortcutTable {
		if !strings.Contains(readme, "| "+r[0]+" |") {
			t.Errorf("README's shortcut table lacks %q", r[0])
		}
	}
}
