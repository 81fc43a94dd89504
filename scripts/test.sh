#!/usr/bin/env bash
# Runs every Gloss check: gofmt, go vet, all tests with the race detector
# (UI tests included), and the end-to-end smoke test of the real binary in
# a real window under Xvfb. Used by `make test` and by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin

echo "== gofmt"
bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$bad" ]; then
  echo "gofmt would change:"; echo "$bad"; exit 1
fi

echo "== go vet"
go vet ./...

# A virtual display for the window tests, unless one is already there.
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :91 -screen 0 1280x800x24 -nolisten tcp >/tmp/gloss-xvfb.log 2>&1 &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null || true' EXIT
  export DISPLAY=:91
  for _ in $(seq 1 50); do
    [ -e /tmp/.X11-unix/X91 ] && break
    sleep 0.1
  done
fi

echo "== go test -race"
go test -race -count=1 -timeout 30m ./...

echo "== smoke test: the real binary under Xvfb"
GLOSS_SMOKE=1 go test -count=1 -run '^TestSmoke' -v ./internal/smoke/
