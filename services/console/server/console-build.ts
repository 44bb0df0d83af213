import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** This folder in the sources, also when run compiled from dist/server/<the same path> (as sourceDirOf in libs/config, which the console may not import). */
function sourceDir(): string {
  const compiled = `${sep}dist${sep}server${sep}`;
  const at = __dirname.lastIndexOf(compiled);
  return at < 0 ? __dirname : __dirname.slice(0, at + 1) + __dirname.slice(at + compiled.length);
}
/** The console's folder (services/console) and where Vite writes the built files. */
export const CONSOLE_ROOT = join(sourceDir(), '..');
export const CONSOLE_DIST = join(CONSOLE_ROOT, 'dist');

const WORKSPACE_ROOT = join(CONSOLE_ROOT, '..', '..');
/** What the bundle is made of: the sources, the page, the build settings and the locked dependency versions. */
const INPUTS = [join(CONSOLE_ROOT, 'index.html'), join(CONSOLE_ROOT, 'vite.config.mts'), join(CONSOLE_ROOT, 'src'), join(WORKSPACE_ROOT, 'package-lock.json')];
/** Written beside the built files: the hash of the inputs they were built from. */
const STAMP_FILE = '.sources-sha256';

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/**
 * A hash of every input's path and content. Content rather than modification times, because a
 * checkout or a copy sets times that say nothing about what changed.
 */
export function consoleSourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder)) {
    hash.update(relative(WORKSPACE_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** True when the built files exist and were built from the sources as they are now. */
export function isConsoleBuilt(): boolean {
  const stamp = join(CONSOLE_DIST, STAMP_FILE);
  return existsSync(join(CONSOLE_DIST, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === consoleSourcesHash();
}

/**
 * Builds the console with Vite into a folder of its own, then puts it in place of the old build,
 * so a server never serves a half-written bundle.
 */
export function buildConsole(): void {
  const sources = consoleSourcesHash();
  const out = join(CONSOLE_ROOT, `dist.building-${process.pid}`);
  const vite = join(WORKSPACE_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], { cwd: CONSOLE_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`building the console failed (vite exited with ${result.status ?? result.signal}); run: npm run build:console`);
  }
  writeFileSync(join(out, STAMP_FILE), sources);
  rmSync(CONSOLE_DIST, { recursive: true, force: true });
  renameSync(out, CONSOLE_DIST);
}

/** Builds the console unless its built files are already those of the current sources. */
export function ensureConsoleBuilt(log: (line: string) => void = () => undefined): 'up to date' | 'built' {
  if (isConsoleBuilt()) return 'up to date';
  const start = Date.now();
  log('building the web console (services/console) with Vite, once per change of its sources...');
  buildConsole();
  log(`web console built in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return 'built';
}
