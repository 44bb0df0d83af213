import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The libraries of the other deployments (MongoDB's mongoose, Kafka's kafkajs, the KurrentDB and
 * PostgreSQL clients) and of an export asked for now and then (exceljs) load on first use, not with
 * the embedded server: each cost it 10 to 30 MB resident for nothing.
 */
describe('the embedded server', () => {
  it('loads no database, broker or workbook library it does not use', () => {
    const script = [
      "require('./services/embedded/src/embedded-system');",
      'const loaded = new Set();',
      'for (const file of Object.keys(require.cache)) {',
      '  const library = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file);',
      '  if (library) loaded.add(library[1]);',
      '}',
      'process.stdout.write(JSON.stringify([...loaded]));',
    ].join('\n');
    const loaded = JSON.parse(execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
    expect(loaded).toEqual(expect.arrayContaining(['better-sqlite3', '@nestjs/core']));
    for (const unused of ['mongoose', 'mongodb', 'kafkajs', '@kurrent/kurrentdb-client', '@grpc/grpc-js', 'pg', 'exceljs']) expect(loaded).not.toContain(unused);
  });
});
