#!/bin/sh
# Runs a command with the project's Node first on PATH: .tools/node (installed by
# scripts/install-node.sh when the system Node is older than 22.12) when it is there, the
# system's otherwise. The npm scripts go through it, so `npm test` under an old system npm
# still runs the tests — and better-sqlite3 13 — on a supported Node.
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
if [ -x "$root/.tools/node/bin/node" ]; then
  PATH="$root/.tools/node/bin:$PATH"
  export PATH
fi
exec "$@"
