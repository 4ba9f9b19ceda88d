#!/usr/bin/env node
// The `mandate` command: the compiled CLI in dist/, rebuilt first when the
// sources changed since the last build (scripts/build.js).
'use strict';
require('../scripts/node-version').requireSupportedNode('mandate');
// A reader that stops early (`mandate plan ... | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { join } = require('node:path');
const { ensureBuilt, DIST } = require('../scripts/build');

process.setSourceMapsEnabled(true);
ensureBuilt()
  .then(() => {
    const cli = join(DIST, 'src', 'cli');
    const { main } = require(join(cli, 'main.js'));
    // Each command's module is loaded when it runs (src/cli/main.ts).
    const load = async (path) => require(join(cli, path));
    return main(process.argv.slice(2), load);
  })
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`mandate: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
