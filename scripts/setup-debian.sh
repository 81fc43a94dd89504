#!/usr/bin/env bash
# Installs what Gloss needs on Debian/Ubuntu, only when it is missing.
#
#   setup-debian.sh build   a C compiler and the OpenGL/X11 headers (cgo, Fyne)
#   setup-debian.sh test    build + Xvfb (window tests), ImageMagick
#                           (screenshots), git (sync tests) and pandoc
#                           (the citation round trip); no extra fonts, so
#                           the tests prove they need none
#   setup-debian.sh run     build + git (sync) + the fonts that real
#                           articles need: Noto CJK (Chinese, Japanese,
#                           Korean), Noto core (Arabic, Hebrew and most other
#                           scripts) and Noto colour emoji
#
# Needs root or sudo only when something must be installed.
set -euo pipefail

mode=${1:-build}
pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev)
case "$mode" in
  build) ;;
  test) pkgs+=(xvfb imagemagick git pandoc) ;;
  run) pkgs+=(git fonts-noto-cjk fonts-noto-core fonts-noto-color-emoji) ;;
  *) echo "setup: unknown mode '$mode' (want build, test or run)" >&2; exit 2 ;;
esac

need=()
for pkg in "${pkgs[@]}"; do
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
