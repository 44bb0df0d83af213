import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * deploy/npm/build-server.js, run on a workspace of its own (the real script, compiler and
 * tsconfig; a library of two files): what `npm start` runs must be what the sources say.
 */
const ROOT = join(__dirname, '..', '..');
let workspace: string;

/** Runs the script; answers what it said (it reports on stderr). */
const build = (...args: string[]): string => {
  const run = spawnSync(process.execPath, [join(workspace, 'deploy', 'npm', 'build-server.js'), ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`build-server.js exited ${run.status}: ${run.stderr}`);
  return run.stderr;
};
const source = join('libs', 'demo', 'src', 'value.ts');
const output = () => join(workspace, 'dist', 'server', 'libs', 'demo', 'src', 'value.js');
const compiledValue = () => {
  const text = readFileSync(output(), 'utf8');
  return Number(/value = (\d+)/.exec(text)?.[1]);
};

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'build-server-'));
  mkdirSync(join(workspace, 'deploy', 'npm'), { recursive: true });
  copyFileSync(join(ROOT, 'deploy', 'npm', 'build-server.js'), join(workspace, 'deploy', 'npm', 'build-server.js'));
  for (const file of ['tsconfig.json', 'tsconfig.base.json']) copyFileSync(join(ROOT, file), join(workspace, file));
  symlinkSync(join(ROOT, 'node_modules'), join(workspace, 'node_modules'));
  mkdirSync(join(workspace, 'libs', 'demo', 'src'), { recursive: true });
  writeFileSync(join(workspace, source), 'export const value: number = 1;\n');
  writeFileSync(join(workspace, 'libs', 'demo', 'src', 'value.spec.ts'), "it('is a test', () => undefined);\n");
});

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('build-server.js', () => {
  it('compiles the sources, never the specs, with a source map that names the .ts', () => {
    build();
    expect(compiledValue()).toBe(1);
    expect(existsSync(join(workspace, 'dist', 'server', 'libs', 'demo', 'src', 'value.spec.js'))).toBe(false);
    expect(JSON.parse(readFileSync(`${output()}.map`, 'utf8')).sources).toEqual(['../../../../../libs/demo/src/value.ts']);
  });

  it('compiles a source again when it changed, even to an older mtime (a restored file), and only then', () => {
    expect(build('--verbose')).toContain('0 compiled');
    writeFileSync(join(workspace, source), 'export const value: number = 2;\n');
    const past = new Date(Date.now() - 86_400_000);
    utimesSync(join(workspace, source), past, past);
    expect(build()).toContain('1 compiled');
    expect(compiledValue()).toBe(2);
  });

  it('removes the output of a source that is gone', () => {
    rmSync(join(workspace, source));
    expect(build()).toContain('2 removed'); // the file and its source map
    expect(existsSync(output())).toBe(false);
  });

  it('marks a tree built into an image, which the start then never builds again', () => {
    build('--image');
    expect(existsSync(join(workspace, 'dist', 'server', '.prebuilt'))).toBe(true);
  });
});
