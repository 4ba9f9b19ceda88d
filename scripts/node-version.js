// The Node.js lines the project supports, checked before anything else runs:
// an older Node would fail later, deep inside a dependency, with a message
// that names neither version. package.json's `engines` says the same
// (test/release/node-version.test.ts keeps the two equal).
'use strict';

/** The oldest release of each supported line, and the line from which every later one is supported. */
const SUPPORTED = [
  { major: 20, minor: 19 },
  { major: 22, minor: 13 },
  { major: 24, minor: 0, andLater: true },
];

/** `engines.node` in package.json, written out. */
const ENGINES_RANGE = '^20.19.0 || ^22.13.0 || >=24';
const WANTED = 'Node.js 20.19 or later 20.x, 22.13 or later 22.x, or 24 and later';

/** Whether `version` ("20.20.2", "v24.19.0") is on a supported line. */
function isSupported(version) {
  const [major, minor] = String(version).replace(/^v/, '').split('.').map(Number);
  return SUPPORTED.some((line) =>
    line.andLater
      ? major > line.major || (major === line.major && minor >= line.minor)
      : major === line.major && minor >= line.minor,
  );
}

/** Exits with a one-line message naming the version found and the ones needed. */
function requireSupportedNode(what) {
  if (isSupported(process.versions.node)) return;
  process.stderr.write(
    `${what}: this is Node.js ${process.versions.node} (${process.execPath}); mandate-tracker needs ${WANTED}\n`,
  );
  process.exit(1);
}

module.exports = { ENGINES_RANGE, WANTED, isSupported, requireSupportedNode };
