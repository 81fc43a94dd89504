// Package identity finds the name Gloss records as the creator of what a
// person imports and highlights: $GLOSS_USER when set, else the user.name
// and user.email that Git is configured with (the identity their synced
// changes carry), else nothing.
package identity

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"time"
)

// EnvUser is the environment variable that names the user.
const EnvUser = "GLOSS_USER"

// Name returns "Name <email>", "Name" or "" (see the package doc). Git is
// asked with a short timeout, so a missing or slow git never delays a
// command.
func Name() string {
	if u := strings.TrimSpace(os.Getenv(EnvUser)); u != "" {
		return u
	}
	name, email := gitConfig("user.name"), gitConfig("user.email")
	switch {
	case name != "" && email != "":
		return name + " <" + email + ">"
	case name != "":
		return name
	}
	return email
}

// gitConfig returns a value of the user's Git configuration, or "".
func gitConfig(key string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", "config", "--get", key).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
