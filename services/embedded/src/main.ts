import 'reflect-metadata';
import { ConfigError } from '@whistle/config';
import { loadHttpSettings } from '@whistle/deployment';
import { systemClock, uuidIds } from '@whistle/kernel';
import { startEmbeddedSystem } from './embedded-system';

async function main(): Promise<void> {
  const config = loadHttpSettings(3000);
  const system = await startEmbeddedSystem(config, { clock: systemClock, ids: uuidIds });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void system.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  // Configuration and start-up failures must name the problem plainly, outside the JSON logs.
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
