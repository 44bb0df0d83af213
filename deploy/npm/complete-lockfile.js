#!/usr/bin/env node
// The registry these machines reach serves only this platform's builds of packages that ship
// one optional package per platform (@swc/core-darwin-arm64, @nx/nx-win32-x64-msvc, …): the
// others answer 404, so npm leaves them out of package-lock.json and `npm ci` then calls the
// lock out of sync. This adds each missing optional platform package as a lock entry carrying
// its os and cpu, which npm skips on every other platform without fetching it, exactly as it
// would with a lock written where the whole registry is reachable.
// Run after `npm install` changes dependencies: node deploy/npm/complete-lockfile.js
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = { x64: 'x64', arm64: 'arm64', arm: 'arm', ia32: 'ia32', ppc64: 'ppc64', ppc64le: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64', wasm32: 'wasm32', mips64el: 'mips64el', universal: 'universal' };

/** os and cpu read off a platform package's name, e.g. core-linux-arm-gnueabihf → linux/arm. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  if (parts.includes('wasm32') || parts.includes('wasi')) return { cpu: ['wasm32'] };
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  if (!os || !cpu) return null;
  if (cpu === 'universal') return { os: [os], cpu: ['x64', 'arm64'] };
  const libc = parts.includes('musl') || parts.includes('musleabihf') ? ['musl'] : parts.some((p) => p.startsWith('gnu')) ? ['glibc'] : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

let added = 0;
const unknown = [];
for (const [location, entry] of Object.entries(packages)) {
  const optional = entry.optionalDependencies ?? {};
  for (const [name, version] of Object.entries(optional)) {
    const sibling = location === '' ? `node_modules/${name}` : `${location}/node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[sibling] || packages[hoisted]) continue;
    const platform = platformOf(name);
    if (!platform) {
      unknown.push(`${name}@${version} (wanted by ${location || 'the root'})`);
      continue;
    }
    packages[hoisted] = {
      version: version.replace(/^[\^~=]/, ''),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added += 1;
  }
}

const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`complete-lockfile: added ${added} optional platform entries\n`);
if (unknown.length > 0) {
  process.stderr.write(`complete-lockfile: could not read a platform off these optional packages, left out:\n  ${unknown.join('\n  ')}\n`);
}
