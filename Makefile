# Gloss — build, run and test. `make run` and `make test` install what a
# fresh Debian machine is missing (they call scripts/setup-debian.sh).

GO      ?= go
BIN     ?= ./gloss
PKGS    := ./...

.PHONY: all setup build run test test-fast bench fuzz package vet fmt clean

all: build

setup:
	./scripts/setup-debian.sh

build: setup
	$(GO) build -o $(BIN) .

run: build
	$(BIN)

# Everything CI runs: formatting, vet, unit and UI tests (race detector on),
# and the end-to-end smoke test of the real binary under Xvfb.
test: setup
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

# A Linux desktop bundle (icon, name and ID from FyneApp.toml).
package: setup
	$(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package -os linux -release

clean:
	rm -f $(BIN) *.tar.xz
