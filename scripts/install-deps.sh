#!/usr/bin/env bash
# Installs the Debian 12 packages RecDistill needs, only those that are missing.
# libgloo-dev: the Gloo headers that c10d's ProcessGroupGloo.hpp includes (data-parallel training).
# libopenblas0-openmp matters: without it LibTorch falls back to the reference BLAS (7-10x slower GEMM).
# help2man writes the manual pages at build time; lintian checks the Debian package in its test.
set -euo pipefail
pkgs=(cmake make g++ pkg-config qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev qt6-tools-dev
      qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libtorch-dev libgloo-dev libsqlite3-dev nlohmann-json3-dev
      libopenblas0-openmp zlib1g-dev libxkbcommon-dev qt6-qpa-plugins fonts-noto-cjk clang-format
      help2man lintian)
pkgs+=("$@")  # extra packages for one target, e.g. clang for `make fuzz`
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}"
