#!/bin/sh
# What the tests need besides npm packages, installed from Debian's packages when missing:
# Chromium (browser tests drive it through playwright-core; no browser is ever downloaded),
# PostgreSQL's server binaries (the PostgreSQL storage's tests start a throw-away one) and nginx
# (the multi-server test runs the README's proxy configuration).
# Used by the README's test command and by .ci/run (which also forces the pinned Node 24). Root installs directly, others via sudo.
set -eu

# Node >= 22.12 (better-sqlite3 13): the pinned Node 24 into .tools/node when the system's is older.
sh "$(dirname "$0")/install-node.sh"

missing=""
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  missing="$missing chromium"
fi
# Debian puts initdb and postgres in /usr/lib/postgresql/<version>/bin, off PATH; PG_BIN overrides.
if [ -z "${PG_BIN:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  missing="$missing postgresql"
fi
# nginx in front of two servers (tests/integration/nginx.test.ts runs its own, on free ports); NGINX_BIN overrides.
if [ -z "${NGINX_BIN:-}" ] && [ ! -x /usr/sbin/nginx ] && ! command -v nginx >/dev/null 2>&1; then
  missing="$missing nginx"
fi
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing from Debian's packages:$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq $missing >/dev/null
