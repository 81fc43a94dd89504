#!/usr/bin/env bash
# Builds gloss_VERSION_ARCH.deb from the desktop bundle `fyne package`
# made (Gloss.tar.xz): the binary, its .desktop entry and icon, and a
# control file that names what the app needs at run time. The fonts are
# "Recommends": without them Chinese, Japanese, Korean, Arabic and Hebrew
# articles show as boxes; git is needed for sync.
set -euo pipefail
cd "$(dirname "$0")/.."

bundle=$(ls -t ./*.tar.xz 2>/dev/null | head -n 1 || true)
if [ -z "$bundle" ]; then
  echo "package-deb: no .tar.xz bundle here; run 'make package'" >&2
  exit 1
fi
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

tar -xJf "$bundle" -C "$stage"
# fyne's bundle installs under usr/local (inside a top folder named after
# the app in current fyne tools); a Debian package lives under usr.
root=""
for d in "$stage" "$stage"/*/; do
  if [ -d "$d/usr/local/bin" ]; then root=${d%/}; break; fi
done
if [ -n "$root" ]; then
  mkdir -p "$stage/pkg/usr"
  cp -a "$root/usr/local/." "$stage/pkg/usr/"
else
  echo "package-deb: unexpected bundle layout in $bundle" >&2
  exit 1
fi
mkdir -p "$stage/pkg/DEBIAN"
size=$(du -sk "$stage/pkg/usr" | cut -f1)
cat >"$stage/pkg/DEBIAN/control" <<CONTROL
Package: gloss
Version: $version
Architecture: $arch
Maintainer: Gloss developers <gloss@glossnotes.invalid>
Installed-Size: $size
Section: text
Priority: optional
Depends: libc6, libgl1, libx11-6, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1
Recommends: fonts-noto-cjk, fonts-noto-core, fonts-noto-color-emoji, git
Homepage: https://github.com/glossnotes/gloss
Description: offline research notebook for reading articles closely
 Import saved web pages, Markdown, text, EPUB and PDF articles into one
 local notebook file; highlight passages in eight colours, write notes, tag
 themes, search everything with typo tolerance, and export annotated
 excerpts with citations. The recommended Noto fonts display Chinese,
 Japanese, Korean, Arabic, Hebrew and emoji in articles; git is needed to
 sync a notebook through a Git remote.
CONTROL
out="gloss_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$stage/pkg" "$out" >/dev/null
echo "package-deb: wrote $out"
