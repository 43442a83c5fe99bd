#!/bin/sh
# The smoke test (tests/integration/smoke.test.ts: start, health, a workshop, two clients in
# sync, the JSON export, kill -9 and a restart) under another Node, installed from the npm
# registry by scripts/install-node.sh. `.ci/run` runs it on Node 22 and 26; the full suite
# runs on the pinned 24.
#
#   sh scripts/smoke.sh 22.23.5 .tools/node-22
#   sh scripts/smoke.sh 26.12.1 .tools/node-26
set -eu
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
  echo "usage: sh scripts/smoke.sh VERSION DIR   (e.g. 22.23.5 .tools/node-22)" >&2
  exit 2
fi
sh scripts/install-node.sh "$1" "$2"
# vitest itself under that Node, so the server it starts (process.execPath) runs on it too.
exec "$2/bin/node" node_modules/vitest/vitest.mjs run tests/integration/smoke.test.ts
