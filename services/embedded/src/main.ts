import 'reflect-metadata';
import { loadHttpSettings, runMain } from '@whistle/deployment';
import { systemClock, uuidIds } from '@whistle/kernel';
import { startEmbeddedSystem } from './embedded-system';

runMain('embedded', async () => {
  const config = loadHttpSettings(3000);
  const system = await startEmbeddedSystem(config, { clock: systemClock, ids: uuidIds });
  return () => system.close();
});
