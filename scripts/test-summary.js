#!/usr/bin/env node
// Prints the closing line of a test run from vitest's JSON reports (one or more, e.g. the
// main suite, the fault suite and the cluster suite): "vitest: N passed, N failed, N skipped",
// summed over the reports, after one line per report. Exits 1 when a test failed or was skipped.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const files = process.argv.slice(2);
if (!files.length) files.push('artifacts/vitest-report.json');
const total = { passed: 0, failed: 0, skipped: 0, success: true };
for (const file of files) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
  total.skipped += skipped;
  total.success &&= report.success;
  if (files.length > 1)
    process.stdout.write(
      `  ${path.basename(file)}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped\n`,
    );
}
process.stdout.write(
  `vitest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
);
process.exit(total.failed > 0 || total.skipped > 0 || !total.success ? 1 : 0);
