import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEVELOPMENT_JWT_SECRET } from '../token-options';
import { verifyToken } from '../verify-token';

const run = promisify(execFile);
const root = resolve(__dirname, '../../../..');

// The way `npm run token` starts it, so the script line is tested too.
function token(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { JWT_SECRET: _ignored, ...inherited } = process.env;
  return run(process.execPath, ['-r', '@swc-node/register', 'libs/auth/src/cli/token.ts', ...args], {
    cwd: root,
    env: { ...inherited, ...env },
  });
}

describe('the token CLI', () => {
  it('prints a token for the role alone on its last line, signed with the development secret', async () => {
    const { stdout } = await token(['--role', 'office']);
    const last = stdout.trim().split('\n').at(-1) ?? '';
    expect(verifyToken(last, { mode: 'secret', secret: DEVELOPMENT_JWT_SECRET })).toEqual({ sub: 'dev-office', role: 'office' });
  });

  it('signs with JWT_SECRET when it is set', async () => {
    const secret = 's'.repeat(40);
    const { stdout } = await token(['--role', 'unit', '--unit', 'U-1'], { JWT_SECRET: secret });
    expect(verifyToken(stdout.trim(), { mode: 'secret', secret })).toEqual({ sub: 'dev-unit-U-1', role: 'unit', unitId: 'U-1' });
  });

  it('exits with 2 and a clear message for a role without its scope', async () => {
    await expect(token(['--role', 'station'])).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('token: role station needs --station ID'),
    });
  });

  it('refuses a lifetime longer than the server accepts, and takes a longer one where JWT_MAX_TOKEN_LIFETIME allows it', async () => {
    await expect(token(['--role', 'office', '--ttl', '7d'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('token: --ttl 7d is longer than the 43200 s the server accepts (JWT_MAX_TOKEN_LIFETIME)'),
    });
    const { stdout } = await token(['--role', 'office', '--ttl', '2d'], { JWT_MAX_TOKEN_LIFETIME: '3d' });
    expect(verifyToken(stdout.trim(), { mode: 'secret', secret: DEVELOPMENT_JWT_SECRET, maxLifetimeSeconds: 3 * 86_400 })).toEqual({ sub: 'dev-office', role: 'office' });
  });
});
