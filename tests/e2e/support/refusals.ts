import { DEVELOPMENT_JWT_SECRET, signToken, type Principal } from '@whistle/auth';
import jwt from 'jsonwebtoken';
import { ApiClient, roles } from './api-client';

export { send, type SendOptions } from './api-client';

/** A secret long enough to sign with, but not the one the system trusts. */
const FOREIGN_SECRET = 'not-the-system-secret-but-long-enough-0123456789';

/** A token for the principal signed with another secret: its signature cannot verify. */
export function forgedToken(principal: Principal): string {
  return signToken(principal, { secret: FOREIGN_SECRET, expiresIn: '1h' });
}

/** A token signed with the right secret three hours ago, valid for one hour: expired two hours ago. */
export function expiredToken(principal: Principal): string {
  return signToken(principal, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '1h', now: new Date(Date.now() - 3 * 3_600_000) });
}

/** A token for the principal signed with the development secret, as `npm run token` would print it. */
export function validToken(principal: Principal): string {
  return signToken(principal, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '1h' });
}

/** What the system has recorded, as far as a refused request could have changed it. */
export interface RecordSnapshot {
  /** per case: every event of its audit history as `eventId hash` */
  readonly histories: Record<string, string[]>;
  /** per meeting: its revision */
  readonly meetings: Record<string, number>;
  /** the office's case list total */
  readonly caseTotal: number;
  /** every event in every store (POST /api/audit/verify) */
  readonly storedEvents: number;
}

/** Reads the record through the public API: the audit history, the meeting, the case list and the stores' event count. */
export class RecordWatch {
  private readonly auditor: ApiClient;
  private readonly office: ApiClient;

  constructor(baseUrl: string) {
    this.auditor = new ApiClient(baseUrl, roles.auditor());
    this.office = new ApiClient(baseUrl, roles.office());
  }

  async history(caseId: string): Promise<any[]> {
    const response = await this.auditor.get(`/api/audit/cases/${caseId}/history`);
    if (response.status !== 200) throw new Error(`history of ${caseId}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.events as any[];
  }

  async storedEvents(): Promise<number> {
    const response = await this.auditor.post('/api/audit/verify', {});
    if (response.status !== 200) throw new Error(`verify: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.checkedEvents as number;
  }

  async caseTotal(): Promise<number> {
    const response = await this.office.get('/api/query/cases?pageSize=1');
    if (response.status !== 200) throw new Error(`case list: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.total as number;
  }

  async snapshot(caseIds: readonly string[], meetingIds: readonly string[] = []): Promise<RecordSnapshot> {
    const histories: Record<string, string[]> = {};
    for (const caseId of caseIds) histories[caseId] = (await this.history(caseId)).map((e) => `${e.eventId} ${e.hash}`);
    const meetings: Record<string, number> = {};
    for (const meetingId of meetingIds) {
      const response = await this.office.get(`/api/adjudication/meetings/${meetingId}`);
      if (response.status !== 200) throw new Error(`meeting ${meetingId}: HTTP ${response.status}`);
      meetings[meetingId] = response.body.revision as number;
    }
    return { histories, meetings, caseTotal: await this.caseTotal(), storedEvents: await this.storedEvents() };
  }

  /** Waits until no store records anything for a while: the reactions to earlier commands have run. */
  async settle(quietMs = 600, timeoutMs = 20_000): Promise<number> {
    const until = Date.now() + timeoutMs;
    let last = await this.storedEvents();
    let quietSince = Date.now();
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const now = await this.storedEvents();
      if (now !== last) {
        last = now;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) {
        return now;
      }
    }
    throw new Error(`the stores kept recording for ${timeoutMs} ms`);
  }
}

/** A well-signed token whose role lacks the scope claim it needs (a station without stationId). */
export function scopelessToken(claims: { sub: string; role: string }): string {
  return jwt.sign(claims, DEVELOPMENT_JWT_SECRET, { algorithm: 'HS256', expiresIn: 60 });
}
