#!/usr/bin/env bash
# Builds the pinned CometBFT v0.38 into bin/cometbft with `go install`.
# Skipped when $COMETBFT_BIN is set or bin/cometbft already reports the pinned version.
set -euo pipefail

COMETBFT_VERSION="${COMETBFT_VERSION:-v0.38.26}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="$ROOT/bin"
TARGET="$BIN_DIR/cometbft"

if [[ -n "${COMETBFT_BIN:-}" ]]; then
  if [[ ! -x "$COMETBFT_BIN" ]]; then
    echo "COMETBFT_BIN=$COMETBFT_BIN is not an executable file" >&2
    exit 1
  fi
  echo "install-cometbft: using COMETBFT_BIN=$COMETBFT_BIN ($("$COMETBFT_BIN" version))"
  exit 0
fi

if [[ -x "$TARGET" ]] && [[ "v$("$TARGET" version 2>/dev/null)" == "$COMETBFT_VERSION" ]]; then
  echo "install-cometbft: $TARGET is already $COMETBFT_VERSION"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "Go >= 1.22 is needed to build CometBFT, or set COMETBFT_BIN" >&2
  exit 1
fi
go_minor="$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')"
if [[ ! "$go_minor" =~ ^[0-9]+$ ]] || (( go_minor < 22 )); then
  echo "Go >= 1.22 is needed to build CometBFT (found $(go env GOVERSION)), or set COMETBFT_BIN" >&2
  exit 1
fi

mkdir -p "$BIN_DIR"
echo "install-cometbft: building github.com/cometbft/cometbft/cmd/cometbft@$COMETBFT_VERSION (a few minutes on 2 cores)..."
GOBIN="$BIN_DIR" go install "github.com/cometbft/cometbft/cmd/cometbft@$COMETBFT_VERSION"
echo "install-cometbft: installed $TARGET ($("$TARGET" version))"
