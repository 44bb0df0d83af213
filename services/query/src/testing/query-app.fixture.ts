import type { Principal } from '@whistle/auth';
import { startModuleApp, type Answer } from '@whistle/http/testing';
import type { QueryDependencies } from '../query.dependencies';
import { QueryModule } from '../query.module';

export type { Answer } from '@whistle/http/testing';

export interface QueryApp {
  readonly url: string;
  get(path: string, as?: Principal, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

/** The read side's routes on a real HTTP server on a free port, with the platform a host installs. */
export async function startQueryApp(deps: QueryDependencies): Promise<QueryApp> {
  const app = await startModuleApp('query', [QueryModule.register(deps)]);
  return { url: app.url, get: (path, as, headers) => app.send('GET', path, as, undefined, headers), close: () => app.close() };
}
