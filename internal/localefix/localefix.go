// Package localefix keeps Fyne from logging "Error parsing user locale C"
// on every run where the locale is the C/POSIX one (CI, containers, ssh
// sessions): locale names such as "C.UTF-8" are not language tags. Its init
// clears such values so the locale lookup falls back to English quietly.
//
// It must be imported (blank) by package main before anything else. Go
// initialises packages in dependency order, then by import path, so this
// package, which depends only on the standard library, runs before the
// locale library Fyne uses (github.com/jeandeaual/go-locale sorts after it).
package localefix

import (
	"os"
	"strings"
)

func init() {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			os.Unsetenv(name)
		}
	}
}
