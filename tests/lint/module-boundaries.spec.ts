import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The layering rules are errors, not advice: these lint deliberately wrong imports as if they
 * were files of the libraries and expect the boundary rule to reject each one.
 */
const root = join(__dirname, '..', '..');

beforeAll(() => {
  // The rule reads Nx's cached project graph; without it the rule would skip itself silently.
  execFileSync(process.execPath, [join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    stdio: 'ignore',
  });
}, 120_000);

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}

/** Runs the ESLint CLI (ESLint loads its config by dynamic import, which jest's VM cannot). */
const LAYER_RULES = ['@nx/enforce-module-boundaries', 'no-restricted-imports', 'no-restricted-properties', 'no-restricted-syntax'];

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
  let output: string;
  try {
    output = execFileSync(process.execPath, [eslintBin, '--format', 'json', '--stdin', '--stdin-filename', join(root, filePath)], {
      cwd: root,
      input: code,
      encoding: 'utf8',
    });
  } catch (error) {
    // ESLint exits 1 when it found errors; its report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  const [result] = JSON.parse(output) as { messages: LintMessage[] }[];
  return (result?.messages ?? []).filter((m) => LAYER_RULES.includes(m.ruleId ?? '') && m.severity === 2).map((m) => m.message);
}

describe('module boundaries', () => {
  it.each(['@nestjs/common', 'mongoose', 'kafkajs', '@kurrent/kurrentdb-client', 'better-sqlite3', 'class-validator'])(
    'a domain library may not import %s',
    async (pkg) => {
      const errors = await boundaryErrors('libs/intake-domain/src/wrong.ts', `import * as x from '${pkg}';\nexport const y = x;\n`);
      expect(errors.join('\n')).toMatch(/not allowed to import|take no framework or driver/);
    },
  );

  it('a domain library may not import an adapter library', async () => {
    const errors = await boundaryErrors('libs/escalation-domain/src/wrong.ts', `import { SqliteEventStore } from '@whistle/event-store';\nexport const y = SqliteEventStore;\n`);
    expect(errors).toHaveLength(1);
  });

  it('a domain library may not import another domain library', async () => {
    const errors = await boundaryErrors('libs/escalation-domain/src/wrong.ts', `import { caseDecider } from '@whistle/intake-domain';\nexport const y = caseDecider;\n`);
    expect(errors).toHaveLength(1);
  });

  it('the kernel may not import the contracts', async () => {
    const errors = await boundaryErrors('libs/kernel/src/wrong.ts', `import { TOPICS } from '@whistle/contracts';\nexport const y = TOPICS;\n`);
    expect(errors).toHaveLength(1);
  });

  it('a domain library may not read the clock or make random ids: they come in with the command', async () => {
    const errors = await boundaryErrors('libs/escalation-domain/src/wrong.ts', 'export const a = new Date();\nexport const b = Date.now();\nexport const c = Math.random();\n');
    expect(errors).toHaveLength(3);
  });

  it('a service may not import another service', async () => {
    const errors = await boundaryErrors('services/escalation/src/wrong.ts', `import { IntakeModule } from '@whistle/intake-service';\nexport const y = IntakeModule;\n`);
    expect(errors).toHaveLength(1);
  });

  it('a domain library may import the kernel and the contracts', async () => {
    const errors = await boundaryErrors(
      'libs/intake-domain/src/fine.ts',
      `import { refuse } from '@whistle/kernel';\nimport { TOPICS } from '@whistle/contracts';\nexport const y = [refuse, TOPICS];\n`,
    );
    expect(errors).toEqual([]);
  });
});

describe('SQL', () => {
  it('a SQLite statement may not bind its LIMIT bare (positional or named, any case, in a string or a template), and may through a cast', async () => {
    const errors = await boundaryErrors(
      'libs/read-models/src/wrong.ts',
      "export const a = 'SELECT 1 LIMIT ?';\nexport const b = (t: string) => `SELECT * FROM ${t} LIMIT ? OFFSET ?`;\nexport const c = 'SELECT 1 limit @limit';\nexport const d = `SELECT 1 LIMIT\n :n`;\n",
    );
    expect(errors).toEqual(Array.from({ length: 4 }, () => expect.stringContaining('BOUND_LIMIT')));
    const fine = await boundaryErrors(
      'libs/read-models/src/fine.ts',
      "import { BOUND_LIMIT } from '@whistle/event-store';\nexport const a = `SELECT 1 ${BOUND_LIMIT}`;\nexport const b = 'SELECT 1 LIMIT CAST(@limit AS INTEGER)';\n",
    );
    expect(fine).toEqual([]);
  });
});
