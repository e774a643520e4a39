#!/usr/bin/env bash
# `npm start`: build, install CometBFT if needed, initialise $HYPERMESH_HOME (default ~/.hypermesh)
# as a single-validator devnet when it is absent, and start it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "building..."
npm run --silent build
bash scripts/install-cometbft.sh

HOME_DIR="${HYPERMESH_HOME:-$HOME/.hypermesh}"
if [[ ! -f "$HOME_DIR/config/genesis.json" ]]; then
  node bin/hypermesh.js init --home "$HOME_DIR"
fi
exec node bin/hypermesh.js start --home "$HOME_DIR"
