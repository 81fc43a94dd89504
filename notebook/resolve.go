package notebook

import (
	"fmt"
	"slices"
	"strings"
)

// MinIDPrefix is the shortest ID prefix Resolve accepts.
const MinIDPrefix = 4

// Resolve expands an ID or a unique prefix of one (case-insensitive, at
// least MinIDPrefix characters) to the full ID of an article, annotation or
// trash entry, so people can type the start of an ID as they do with git.
func (n *Notebook) Resolve(idOrPrefix string) (string, error) {
	p := strings.ToUpper(strings.TrimSpace(idOrPrefix))
	if len(p) < MinIDPrefix {
		return "", invalidf("ID %q: give at least %d characters", idOrPrefix, MinIDPrefix)
	}
	var ids []string
	err := n.view(func(tx Tx) error {
		var err error
		ids, err = tx.IDsWithPrefix(p, 3)
		return err
	})
	if err != nil {
		return "", err
	}
	ids = slices.Compact(ids) // an ID is in at most one bucket, but be safe
	switch {
	case len(ids) == 0:
		return "", fmt.Errorf("ID %s: %w", idOrPrefix, ErrNotFound)
	case slices.Contains(ids, p):
		return p, nil
	case len(ids) > 1:
		return "", invalidf("ID prefix %s is ambiguous (%s, …); give more characters", idOrPrefix, strings.Join(ids[:2], ", "))
	}
	return ids[0], nil
}
