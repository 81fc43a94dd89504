# Gloss — build, run and test. `make run` and `make test` install what a
# fresh Debian machine is missing (they call scripts/setup-debian.sh).

GO      ?= go
export PATH := $(PATH):/usr/local/go/bin
BIN     ?= ./gloss
PKGS    := ./...

.PHONY: all setup setup-run setup-test build run test test-fast bench fuzz package vet fmt clean

all: build

# What building needs (gcc, OpenGL/X11 headers).
setup:
	./scripts/setup-debian.sh build

# What running needs besides: git for sync, fonts for CJK, Arabic, Hebrew
# and emoji.
setup-run:
	./scripts/setup-debian.sh run

# What testing needs besides: Xvfb, ImageMagick, git, pandoc (no fonts).
setup-test:
	./scripts/setup-debian.sh test

build: setup
	$(GO) build -o $(BIN) .

run: setup-run build
	$(BIN)

# Everything CI runs: formatting, vet, unit and UI tests (race detector on),
# and the end-to-end smoke test of the real binary under Xvfb.
test: setup-test
	./scripts/test.sh

# Quick inner loop: unit tests only, no race detector, no Xvfb.
test-fast:
	$(GO) test -short $(PKGS)

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

vet:
	$(GO) vet $(PKGS)

fmt:
	gofmt -w .

# A Linux desktop bundle (icon, name and ID from FyneApp.toml) and a
# Debian package that names what the app needs at run time, fonts included.
package: setup
	$(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package -os linux -release
	./scripts/package-deb.sh

clean:
	rm -f $(BIN) *.tar.xz *.deb
