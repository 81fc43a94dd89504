#!/usr/bin/env bash
# Installs what building and testing Gloss needs on Debian/Ubuntu, only when
# it is missing: a C compiler and the OpenGL/X11 headers for Fyne (cgo),
# Xvfb for the window tests, and ImageMagick for screenshots. Needs root or
# sudo only when something must be installed.
set -euo pipefail

need=()
for pkg in gcc pkg-config libgl1-mesa-dev xorg-dev xvfb imagemagick; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  export PATH=$PATH:/usr/local/go/bin
fi
if ! command -v go >/dev/null 2>&1; then
  echo "setup: Go 1.26 or newer is required (https://go.dev/dl/); it is not on PATH." >&2
  exit 1
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${need[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
