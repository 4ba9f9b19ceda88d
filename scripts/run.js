#!/usr/bin/env node
// Runs one of the release's entry points with plain node: `npm start`,
// `npm run worker`, `npm run api`. The Node version is checked first, then
// the build (rebuilt first when the sources changed since), so what runs is
// always the compiled form of the sources beside it.
'use strict';
require('./node-version').requireSupportedNode(`npm run ${process.argv[2] ?? ''}`.trim());
const path = require('node:path');
const { ensureBuilt, DIST } = require('./build');

const ENTRIES = {
  start: 'src/start/main.js',
  worker: 'workers/main.js',
  api: 'src/http/main.js',
};

const name = process.argv[2];
const entry = ENTRIES[name];
if (!entry) {
  process.stderr.write(`run: name one of ${Object.keys(ENTRIES).join(', ')}\n`);
  process.exit(2);
}
// Stack traces in logs point at the TypeScript lines.
process.setSourceMapsEnabled(true);
ensureBuilt().then(
  () => require(path.join(DIST, entry)),
  (error) => {
    process.stderr.write(`npm run ${name}: the build failed: ${error.message}\n`);
    process.exit(1);
  },
);
