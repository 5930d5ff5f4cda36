#!/usr/bin/env bash
# Builds jianxun.exe for Windows (x86_64-pc-windows-gnu) on Debian/Ubuntu,
# with MinGW from the distribution's packages:
#
#   bash tools/windows.sh          # → target/x86_64-pc-windows-gnu/release/jianxun.exe
#   bash tools/windows.sh --check  # only type-check for Windows (what CI runs)
#
# Installs what it needs (the Rust target with rustup, gcc-mingw-w64-x86-64
# with apt-get when run as root). The check needs MinGW's C compiler too:
# libwebp (WebP copies of photos) is C, compiled by its crate's build script.
# When `wine` is on PATH it also builds the example site with the .exe once
# and reports the result.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=x86_64-pc-windows-gnu

rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"

if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq gcc-mingw-w64-x86-64 >/dev/null ||
      { apt-get update -qq >/dev/null && apt-get install -y -qq gcc-mingw-w64-x86-64 >/dev/null; }
  else
    echo "need x86_64-w64-mingw32-gcc: sudo apt-get install gcc-mingw-w64-x86-64" >&2
    exit 1
  fi
fi

export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc

if [[ "${1:-}" == "--check" ]]; then
  cargo check --release --target "$TARGET"
  echo "jianxun type-checks for $TARGET"
  exit 0
fi

cargo build --release --target "$TARGET"
exe="target/$TARGET/release/jianxun.exe"
ls -l "$exe"
file "$exe" 2>/dev/null || true

if command -v wine >/dev/null; then
  out=$(mktemp -d)
  echo "== wine: jianxun.exe build of the example site into $out"
  # Debian's wine64 package runs 64-bit programs with wine64 itself.
  runner=wine
  [[ -x /usr/lib/wine/wine64 ]] && runner=/usr/lib/wine/wine64
  if "$runner" "$exe" build --output "$out/site" 2>"$out/wine.log"; then
    echo "wine: built $(find "$out/site" -type f | wc -l) files"
  else
    # Reported, not fatal: an old Wine may lack a DLL that Windows has.
    echo "wine could not run jianxun.exe; its last errors:"
    grep ':err:' "$out/wine.log" | tail -n 3 || tail -n 3 "$out/wine.log"
  fi
else
  echo "wine is not installed: the .exe was built but not run"
fi
