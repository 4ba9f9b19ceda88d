#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the repo needs no build step.
'use strict';
// A reader that stops early (`mandate plan ... | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
require('tsx/cjs');
const { join } = require('node:path');
const { main } = require('../src/cli/main.ts');
// Each command's module is loaded when it runs (src/cli/main.ts), through this CommonJS loader.
const load = async (path) => require(join(__dirname, '../src/cli', path));
main(process.argv.slice(2), load).then((code) => {
  process.exitCode = code;
});
