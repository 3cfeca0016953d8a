#!/usr/bin/env bash
# Renders the committed hicolor PNGs from src/*.svg. Run by hand after editing an SVG
# (needs rsvg-convert from librsvg2-bin); the build only installs the committed files.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p hicolor/scalable/apps
cp src/recdistill.svg hicolor/scalable/apps/recdistill.svg
for s in 16 32 48 64 128 256; do
  src=src/recdistill.svg
  [ "$s" -eq 16 ] && src=src/recdistill-16.svg
  mkdir -p "hicolor/${s}x${s}/apps"
  rsvg-convert -w "$s" -h "$s" "$src" -o "hicolor/${s}x${s}/apps/recdistill.png"
done
