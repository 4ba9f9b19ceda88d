#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the repo needs no build step.
'use strict';
// A reader that stops early (`mandate plan ... | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
require('tsx/cjs');
const { main } = require('../src/cli/main.ts');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
