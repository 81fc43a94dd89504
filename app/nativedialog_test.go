package app

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fakeChooser installs a stand-in for the desktop chooser program: a shell
// script that prints what a real chooser prints and exits with its code.
func fakeChooser(t *testing.T, name, output string, code int) {
	t.Helper()
	dir := t.TempDir()
	script := filepath.Join(dir, name)
	body := "#!/bin/sh\nprintf '%s' '" + output + "'\nexit " + string(rune('0'+code)) + "\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	old := lookPath
	lookPath = func(file string) (string, error) {
		if file == name {
			return script, nil
		}
		return "", errors.New("not found")
	}
	t.Cleanup(func() { lookPath = old })
}

func TestChooseFilesNative(t *testing.T) {
	tests := []struct {
		name    string
		program string
		output  string
		code    int
		want    []string
	}{
		{"zenity, two files", "zenity", "/a/one.html\n/b/two words.pdf\n", 0, []string{"/a/one.html", "/b/two words.pdf"}},
		{"kdialog, one file", "kdialog", "/a/one.epub\n", 0, []string{"/a/one.epub"}},
		{"cancelled", "zenity", "", 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fakeChooser(t, tt.program, tt.output, tt.code)
			got, err := chooseFilesNative("Import", []string{".html", ".pdf"})
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	t.Run("failure is an error", func(t *testing.T) {
		fakeChooser(t, "zenity", "", 5)
		if _, err := chooseFilesNative("Import", nil); err == nil {
			t.Error("want an error for exit code 5")
		}
	})
	t.Run("none installed", func(t *testing.T) {
		old := lookPath
		lookPath = func(string) (string, error) { return "", errors.New("not found") }
		defer func() { lookPath = old }()
		if _, err := chooseFilesNative("Import", nil); !errors.Is(err, errNoNativeDialog) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestChooserCommand_Filters(t *testing.T) {
	fakeChooser(t, "zenity", "", 0)
	args, err := chooserCommand("Import", []string{".html", ".md"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(args, " "), "--file-filter=Articles | *.html *.md") || !strings.Contains(strings.Join(args, " "), "--multiple") {
		t.Errorf("args = %q", args)
	}
}
