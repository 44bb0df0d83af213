import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit';

describe('GroupCommit on a real SQLite file', () => {
  let dir: string;
  let db: Database.Database;
  let committed: number;
  let group: GroupCommit;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    db = new Database(join(dir, 'g.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
    committed = 0;
    group = new GroupCommit(db, () => void (committed += 1));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (v: string) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).lastInsertRowid;
  const rows = () => db.prepare('SELECT v FROM t ORDER BY id').all().map((r) => (r as { v: string }).v);

  it('commits a turn’s writes together; a write that fails in its savepoint fails alone', async () => {
    const outcomes = await Promise.allSettled([group.submit(insert('a')), group.submit(insert('a')), group.submit(insert('b'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual(['a', 'b']);
    expect(committed).toBe(1);
  });

  it('runs nothing outside the transaction when a failure ends it (disk full): every write of the turn is refused and none is recorded', async () => {
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 2}`);
    const outcomes = await Promise.allSettled([group.submit(insert('a')), group.submit(insert('x'.repeat(200_000))), group.submit(insert('c'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(rows()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    expect(committed).toBe(0);
    // The next turn works again.
    db.pragma('max_page_count = 1073741823');
    await group.submit(insert('d'));
    expect(rows()).toEqual(['d']);
  });
});
