import type { Principal } from '@whistle/auth';
import { startModuleApp, type Answer } from '@whistle/http/testing';
import type { AuditDependencies } from '../audit.dependencies';
import { AuditModule } from '../audit.module';

export type { Answer } from '@whistle/http/testing';

export interface AuditApp {
  readonly url: string;
  get(path: string, as?: Principal): Promise<Answer>;
  post(path: string, body: unknown, as?: Principal): Promise<Answer>;
  close(): Promise<void>;
}

/** The audit's routes on a real HTTP server on a free port, with the platform a host installs. */
export async function startAuditApp(deps: AuditDependencies): Promise<AuditApp> {
  const app = await startModuleApp('audit', [AuditModule.register(deps)]);
  return {
    url: app.url,
    get: (path, as) => app.send('GET', path, as),
    post: (path, body, as) => app.send('POST', path, as, body),
    close: () => app.close(),
  };
}
