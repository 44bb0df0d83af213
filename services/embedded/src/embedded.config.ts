import type { HttpSettings } from '@whistle/deployment';

/** Every setting of the embedded mode (all services in one process, port 3000, one data directory): `loadHttpSettings(3000)`. */
export type EmbeddedConfig = HttpSettings;
