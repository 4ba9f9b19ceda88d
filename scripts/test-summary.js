#!/usr/bin/env node
// Prints the closing line of a test run from vitest's JSON report:
// "vitest: N passed, N failed, N skipped". Exits 1 when a test failed or was skipped.
'use strict';
const fs = require('node:fs');
const report = JSON.parse(
  fs.readFileSync(process.argv[2] ?? 'artifacts/vitest-report.json', 'utf8'),
);
const skipped = report.numPendingTests + report.numTodoTests;
process.stdout.write(
  `vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped\n`,
);
process.exit(report.numFailedTests > 0 || skipped > 0 || !report.success ? 1 : 0);
