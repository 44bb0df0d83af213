import { join, sep } from 'node:path';
import { sourceDirOf } from './source-dir';

describe('sourceDirOf', () => {
  const root = join(sep, 'srv', 'app');

  it('maps a folder of the compiled server back to the same folder of the sources', () => {
    expect(sourceDirOf(join(root, 'dist', 'server', 'libs', 'catalogue', 'src'))).toBe(join(root, 'libs', 'catalogue', 'src'));
  });

  it('leaves a source folder as it is', () => {
    expect(sourceDirOf(join(root, 'libs', 'catalogue', 'src'))).toBe(join(root, 'libs', 'catalogue', 'src'));
  });

  it('maps only the compiled tree, not a folder that merely has dist in its name', () => {
    expect(sourceDirOf(join(root, 'services', 'console', 'dist'))).toBe(join(root, 'services', 'console', 'dist'));
  });
});
