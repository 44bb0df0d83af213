import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { NO_REMOVED_ENTRIES } from '@whistle/contracts';
import { ManualClock } from '@whistle/kernel';
import { silentLogger } from '@whistle/messaging';
import { openNotifier } from './open-notifier';

describe('opening the notifier after the catalogue changed (目录变更)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'open-notifier-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const settings = (secretsFile: string | undefined) => ({
    DATA_DIR: dir,
    SCHEDULER_TICK_MS: 1000,
    NOTIFY_NEAR_DEADLINE_PERCENT: 25,
    NOTIFY_RETRY_ATTEMPTS: 3,
    NOTIFY_RETRY_INITIAL_MS: 30,
    NOTIFY_RETRY_MAX_MS: 100,
    NOTIFY_TIMEOUT_MS: 2_000,
    WEBHOOK_SECRETS_FILE: secretsFile,
  });
  const deps = (catalogue: CatalogueIndex) => ({ catalogue, clock: new ManualClock('2026-12-05T00:00:00.000Z'), logger: silentLogger });

  it('starts although a change gave a unit a webhook whose secret the file lacks; a missing secret of the file’s own webhooks still stops it', async () => {
    const file = loadCatalogue();
    const index = new CatalogueIndex(file);
    const changed = { ...file, units: file.units.map((u, i) => (i === 0 ? { ...u, webhook: { url: 'https://hooks.example/a', secretRef: 'added-later' } } : u)) };
    index.replace({ catalogue: changed, removed: NO_REMOVED_ENTRIES }, 1);
    const secrets = join(dir, 'secrets.json');
    writeFileSync(secrets, JSON.stringify({}));
    const notifier = openNotifier(settings(secrets), deps(index));
    await notifier.close();

    const fromFile = new CatalogueIndex(changed);
    expect(() => openNotifier(settings(secrets), deps(fromFile))).toThrow('WEBHOOK_SECRETS_FILE: no secret "added-later"');
  });
});
