#!/usr/bin/env node
'use strict';
/**
 * Compiles the server's TypeScript into dist/server, mirroring the source tree (libs/<lib>/src,
 * services/<service>/src, services/console/server; never specs, never the browser console), with
 * the options @swc-node/register derives from tsconfig.json, so what `npm start` runs is what the
 * tests load. Files that find others from their own place (the default catalogue, the console's
 * build) look in the source tree: sourceDirOf in libs/config. A source map beside each file points stack traces back to the .ts.
 *
 * Why: a server that compiles its sources on load carries the compiler with it: TypeScript (read
 * for tsconfig) and swc cost about 75 MiB of resident memory in every process, and the compile
 * costs start-up time. Only files changed since the last build are compiled again; outputs whose
 * source is gone are removed. `node deploy/npm/build-server.js` prints what it did; `--image`
 * marks the tree as built into an image, where the start must not write (run-server.js).
 */
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'dist', 'server');
/** What each output was compiled from: the options' hash, and each source's size and mtime as read before compiling it. */
const MANIFEST = join(OUT, '.manifest.json');
/** Written by `--image` (the Dockerfile): the tree is final, and run-server.js never builds it again. */
const PREBUILT = join(OUT, '.prebuilt');

/** The trees the server is made of. */
function sourceRoots() {
  const roots = [];
  for (const group of ['libs', 'services']) {
    for (const name of existsSync(join(ROOT, group)) ? readdirSync(join(ROOT, group)) : []) {
      if (group === 'services' && name === 'console') continue;
      const dir = join(ROOT, group, name, 'src');
      if (existsSync(dir)) roots.push(dir);
    }
  }
  const consoleServer = join(ROOT, 'services', 'console', 'server');
  if (existsSync(consoleServer)) roots.push(consoleServer);
  return roots;
}

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

const isSpec = (file) => /\.(spec|test)\.ts$/.test(file);
const isServerSource = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !isSpec(file);

function main() {
  const started = process.hrtime.bigint();
  // A change of compiler options or of the compiler itself compiles everything again. Read without
  // loading the compiler, which only a file to compile needs (loading it takes most of a second).
  const optionsHash = createHash('sha256')
    .update(readFileSync(join(ROOT, 'tsconfig.json')))
    .update(readFileSync(join(ROOT, 'tsconfig.base.json')))
    .update(require('@swc/core/package.json').version)
    .update(readFileSync(join(ROOT, 'node_modules', '@swc-node', 'register', 'package.json')))
    .update(readFileSync(join(ROOT, 'node_modules', '@swc-node', 'core', 'package.json')))
    .update(readFileSync(join(__dirname, 'build-server.js')))
    .digest('hex');
  let compiler = null;
  const compile = (file) => {
    if (!compiler) {
      const { readDefaultTsConfig, tsCompilerOptionsToSwcConfig } = require('@swc-node/register/read-default-tsconfig');
      const { transformSync } = require('@swc-node/core');
      const tsconfig = readDefaultTsConfig(join(ROOT, 'tsconfig.json'));
      compiler = (path) => transformSync(readFileSync(path, 'utf8'), path, tsCompilerOptionsToSwcConfig(tsconfig, path));
    }
    return compiler(file);
  };
  const last = readManifest();
  const fresh = last.options !== optionsHash;
  const sources = {};
  mkdirSync(OUT, { recursive: true });

  const wanted = new Set();
  let compiled = 0;
  for (const root of sourceRoots()) {
    for (const file of filesUnder(root)) {
      const rel = relative(ROOT, file);
      if (isServerSource(file)) {
        const target = join(OUT, rel.replace(/\.ts$/, '.js'));
        wanted.add(target).add(`${target}.map`);
        // Compiled again unless the source is exactly as it was when last compiled (same size and
        // mtime, not merely older than the output: a restored or copied file keeps an old mtime).
        const { size, mtimeMs } = statSync(file);
        sources[rel] = `${size}:${mtimeMs}`;
        if (!fresh && last.sources[rel] === sources[rel] && existsSync(target)) continue;
        const output = compile(file);
        mkdirSync(dirname(target), { recursive: true });
        const map = JSON.parse(output.map);
        map.sources = [relative(dirname(target), file)];
        map.file = relative(dirname(target), target);
        delete map.sourceRoot;
        writeAtomically(`${target}.map`, JSON.stringify(map));
        writeAtomically(target, `${output.code.replace(/\n\/\/# sourceMappingURL=.*$/s, '')}\n//# sourceMappingURL=${map.file}.map\n`);
        compiled += 1;
      }
    }
  }
  let removed = 0;
  for (const file of filesUnder(OUT)) {
    if (file === MANIFEST || file === PREBUILT || wanted.has(file) || file.endsWith('.tmp')) continue;
    rmSync(file, { force: true });
    removed += 1;
  }
  if (compiled + removed > 0 || fresh) writeAtomically(MANIFEST, JSON.stringify({ options: optionsHash, sources }));
  if (process.argv.includes('--image')) writeAtomically(PREBUILT, 'built into the image: run-server.js does not build again\n');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (compiled + removed > 0 || process.argv.includes('--verbose')) {
    console.error(`[build-server] ${compiled} compiled, ${removed} removed, into ${relative(ROOT, OUT)} in ${ms.toFixed(0)} ms`);
  }
}

/**
 * Writes beside and renames into place: services started side by side may build at once, and none
 * may load a file another is half-way through writing.
 */
function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

function readManifest() {
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    return { options: String(manifest.options), sources: manifest.sources ?? {} };
  } catch {
    return { options: null, sources: {} };
  }
}

try {
  main();
} catch (error) {
  console.error(`[build-server] could not compile the server into dist/server: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
}
