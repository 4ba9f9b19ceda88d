#!/usr/bin/env node
// The release build: the TypeScript compiled to JavaScript in dist/ (tsc with
// tsconfig.build.json, which also type-checks it and emits nothing on an
// error), and the workflow code bundled once into dist/workflow-bundle.js,
// which workers load as their `workflowBundle`. dist/release.json records a
// fingerprint of every input; the launchers (bin/mandate.js, scripts/run.js)
// compare it with the sources and rebuild first when they differ, so a stale
// build is never what runs.
//
//   node scripts/build.js             build now
//   node scripts/build.js --if-stale  build only when dist/ is missing or stale
//   node scripts/build.js --check     exit 0 when fresh, 1 when not (prints why)
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, 'release.json');
const LOCK = path.join(ROOT, '.build-lock');
/** The workflow bundle, relative to the project root (src/worker/workflow-code.ts reads it). */
const BUNDLE = path.join(DIST, 'workflow-bundle.js');
/** Folders whose TypeScript is compiled (tests excluded), and single files that shape the output. */
const SOURCE_DIRS = ['src', 'workflows', 'activities', 'workers'];
const SOURCE_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/build.js',
];
/** What a run needs besides the compiled modules. */
const OUTPUTS = [
  'dist/src/cli/main.js',
  'dist/src/start/main.js',
  'dist/src/http/main.js',
  'dist/workers/main.js',
  'dist/workflow-bundle.js',
];

const isInput = (name) => name.endsWith('.ts') && !name.endsWith('.test.ts');

/** Every input file, relative to the root, sorted. */
function inputFiles() {
  const found = [];
  const walk = (relative) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true });
    } catch (error) {
      if (error.code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && isInput(entry.name)) found.push(child);
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  for (const file of SOURCE_FILES) if (fs.existsSync(path.join(ROOT, file))) found.push(file);
  return found.sort();
}

const sha256 = (file) =>
  createHash('sha256')
    .update(fs.readFileSync(path.join(ROOT, file)))
    .digest('hex');

/** The inputs as they are now: size, modification time and content hash of each. */
function fingerprint() {
  const files = {};
  for (const file of inputFiles()) {
    const stat = fs.statSync(path.join(ROOT, file));
    files[file] = { size: stat.size, mtimeMs: stat.mtimeMs, sha256: sha256(file) };
  }
  return files;
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Why the build in dist/ is not the sources' (undefined when it is): a
 * missing output, or the first input added, removed or changed since. A file
 * whose size and modification time match the stamp is taken as unchanged;
 * any other is hashed, so a touched but equal file costs no rebuild.
 */
function staleReason() {
  const stamp = readStamp();
  if (!stamp || typeof stamp.files !== 'object' || typeof stamp.outputs !== 'object')
    return 'there is no whole build yet';
  for (const output of OUTPUTS)
    if (!fs.existsSync(path.join(ROOT, output))) return `${output} is missing`;
  // A release without its sources (the container image) runs the build it was shipped with.
  if (!fs.existsSync(path.join(ROOT, 'src'))) return undefined;
  for (const [output, before] of Object.entries(stamp.outputs ?? {})) {
    let stat;
    try {
      stat = fs.statSync(path.join(DIST, output));
    } catch {
      return `dist/${output} is missing`;
    }
    if (stat.size !== before.size || stat.mtimeMs !== before.mtimeMs)
      return `dist/${output} changed after the build`;
  }
  const now = inputFiles();
  const recorded = Object.keys(stamp.files);
  const added = now.find((file) => !(file in stamp.files));
  if (added) return `${added} is new`;
  const removed = recorded.find((file) => !now.includes(file));
  if (removed) return `${removed} was removed`;
  for (const file of now) {
    const before = stamp.files[file];
    const stat = fs.statSync(path.join(ROOT, file));
    if (stat.size === before.size && stat.mtimeMs === before.mtimeMs) continue;
    if (stat.size !== before.size || sha256(file) !== before.sha256) return `${file} changed`;
  }
  return undefined;
}

/** Compiled files whose source is gone: removed, so that nothing can load them. */
function removeOrphans(inputs) {
  const sources = new Set(inputs.map((file) => file.replace(/\.ts$/, '')));
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(DIST, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (/\.js(\.map)?$/.test(entry.name)) {
        const source = child.replace(/\.js(\.map)?$/, '');
        if (!sources.has(source)) fs.rmSync(path.join(DIST, child));
      }
    }
  };
  for (const dir of SOURCE_DIRS) if (fs.existsSync(path.join(DIST, dir))) walk(dir);
}

/** The bundler's logger: warnings and errors only, on stderr. */
const bundlerLogger = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn: (message) => process.stderr.write(`[bundler] ${message}\n`),
  error: (message) => process.stderr.write(`[bundler] ${message}\n`),
};

function writeAtomically(file, content) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

/** Every compiled file in dist/ with its size and modification time, to notice one changed or lost. */
function outputFiles() {
  const found = {};
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(DIST, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.js')) {
        const stat = fs.statSync(path.join(DIST, child));
        found[child] = { size: stat.size, mtimeMs: stat.mtimeMs };
      }
    }
  };
  if (fs.existsSync(DIST)) walk('.');
  return found;
}

/**
 * Compiles and bundles. The stamp is removed first and written last, with
 * the inputs as they were when the build began: a build stopped halfway, or
 * a source edited while it ran, is stale on the next check.
 */
async function build(say) {
  const started = Date.now();
  const inputs = fingerprint();
  const previous = readStamp();
  fs.rmSync(STAMP, { force: true });
  fs.mkdirSync(DIST, { recursive: true });
  // Without a whole previous build, tsc's incremental state may name outputs that are gone.
  if (!previous) fs.rmSync(path.join(DIST, 'tsconfig.build.tsbuildinfo'), { force: true });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (compiled.status !== 0)
    throw new BuildError(
      `tsc -p tsconfig.build.json failed${compiled.signal ? ` (${compiled.signal})` : ''}: the errors are above`,
    );
  removeOrphans(Object.keys(inputs));
  const { bundleWorkflowCode } = require(require.resolve('@temporalio/worker', { paths: [ROOT] }));
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(DIST, 'workflows', 'index.js'),
    logger: bundlerLogger,
  });
  writeAtomically(BUNDLE, code);
  writeAtomically(
    STAMP,
    JSON.stringify(
      { builtAt: new Date().toISOString(), files: inputs, outputs: outputFiles() },
      null,
      1,
    ) + '\n',
  );
  say(
    `build: dist/ and dist/workflow-bundle.js ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

class BuildError extends Error {
  name = 'BuildError';
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function lockHolderAlive() {
  try {
    const pid = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return error.code === 'EPERM';
  }
}

/**
 * Builds when dist/ is missing or stale (or always, with `force`), one
 * process at a time: a process that finds a build under way waits for it,
 * then checks again. Resolves to whether it built.
 */
async function ensureBuilt({
  force = false,
  say = (line) => process.stderr.write(`${line}\n`),
} = {}) {
  for (let waited = 0; ;) {
    if (!force && staleReason() === undefined) return false;
    try {
      fs.mkdirSync(LOCK);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock left by a build that was killed is taken over.
      if (waited >= 1_000 && !lockHolderAlive()) fs.rmSync(LOCK, { recursive: true, force: true });
      if (waited === 0) say('build: another process is building the release; waiting for it ...');
      if (waited > 600_000) throw new BuildError(`${LOCK} has been held for 10 minutes`);
      await sleep(250);
      waited += 250;
      continue;
    }
    try {
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      // Another process may have finished a build while this one waited for the lock.
      const reason = staleReason();
      if (!force && reason === undefined) return false;
      say(`build: ${force ? 'building the release' : `${reason}; building the release first`} ...`);
      await build(say);
      return true;
    } finally {
      fs.rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

module.exports = { ROOT, DIST, BUNDLE, ensureBuilt, staleReason, BuildError };

if (require.main === module) {
  const flag = process.argv[2];
  const run = async () => {
    if (flag === '--check') {
      const reason = staleReason();
      process.stdout.write(reason ? `stale: ${reason}\n` : 'fresh\n');
      return reason ? 1 : 0;
    }
    if (flag !== undefined && flag !== '--if-stale') {
      process.stderr.write(`build: unknown option ${flag} (use --if-stale or --check)\n`);
      return 2;
    }
    require('./node-version').requireSupportedNode('npm run build');
    const built = await ensureBuilt({ force: flag === undefined });
    if (!built) process.stderr.write('build: dist/ is up to date\n');
    return 0;
  };
  run().then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`build: ${error instanceof BuildError ? error.message : error.stack}\n`);
      process.exitCode = 1;
    },
  );
}
