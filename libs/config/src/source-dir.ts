import { sep } from 'node:path';

const COMPILED = `${sep}dist${sep}server${sep}`;

/**
 * The source folder of a module given its `__dirname`: the server runs compiled from
 * dist/server/<the same path> (deploy/npm/build-server.js) and from the sources in the tests, and a
 * file that finds the workspace's other files from its own place must find the same ones in both.
 */
export function sourceDirOf(dirname: string): string {
  const at = dirname.lastIndexOf(COMPILED);
  return at < 0 ? dirname : dirname.slice(0, at + 1) + dirname.slice(at + COMPILED.length);
}
