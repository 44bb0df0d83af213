import type { ConfigSpec } from '@whistle/config';
import { httpSettings, type HttpSettings } from '@whistle/deployment';

/** Every setting of the embedded mode: all services in one process, one port (3000), one data directory. */
export type EmbeddedConfig = HttpSettings;

export const embeddedConfigSpec: ConfigSpec<EmbeddedConfig> = httpSettings(3000);
