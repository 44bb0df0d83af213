#!/usr/bin/env node
'use strict';
/**
 * `node deploy/npm/run-server.js <path/to/entry.ts> [args...]`: how the start scripts run a server.
 * Brings dist/server up to date in a child process (deploy/npm/build-server.js; the compiler's
 * memory leaves with it), then runs the entry's compiled JavaScript in this process, with source
 * maps on so stack traces name the .ts lines. The entry sees its own arguments as if started
 * directly (process.argv[1] is its compiled file), and node options given before this script
 * (a bench's --cpu-prof) apply to it.
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..', '..');
const entry = process.argv[2];
if (!entry || !entry.endsWith('.ts')) {
  console.error('usage: node deploy/npm/run-server.js <path/to/entry.ts> [arguments...]');
  process.exit(2);
}
const source = resolve(ROOT, entry);
if (!existsSync(source)) {
  console.error(`run-server: no such entry: ${entry}`);
  process.exit(2);
}
const out = join(ROOT, 'dist', 'server');
// An image's tree was built when the image was (the Dockerfile): a container neither compiles nor writes under /app.
if (!existsSync(join(out, '.prebuilt'))) {
  const built = spawnSync(process.execPath, [join(__dirname, 'build-server.js')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const compiled = join(out, relative(ROOT, source).replace(/\.ts$/, '.js'));
if (!existsSync(compiled)) {
  console.error(`run-server: ${relative(ROOT, compiled)} was not built from ${entry} (run node deploy/npm/build-server.js)`);
  process.exit(1);
}
process.setSourceMapsEnabled(true);
process.argv.splice(1, 2, compiled);
require(compiled);
