import { DEVELOPMENT_JWT_SECRET, signToken, type Principal } from '@whistle/auth';

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A caller of the public API: a token for one role and scope, as `npm run token` would print. */
export class ApiClient {
  readonly token: string;

  constructor(
    private readonly baseUrl: string,
    readonly principal: Principal,
  ) {
    this.token = signToken(principal, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '1h' });
  }

  get<T = any>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body, headers);
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, raw?: string): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined && raw === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(raw !== undefined ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (minutes as text, metrics)
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}

export const roles = {
  office: (): Principal => ({ sub: 'office-zhang', role: 'office' }),
  auditor: (): Principal => ({ sub: 'auditor-li', role: 'auditor' }),
  station: (stationId = 'station-north'): Principal => ({ sub: `station-${stationId}`, role: 'station', stationId }),
  unit: (unitId: string): Principal => ({ sub: `unit-${unitId}`, role: 'unit', unitId }),
  reporter: (compoundId: string): Principal => ({ sub: `reporter-${compoundId}`, role: 'reporter', compoundId }),
};

/** Polls until `check` stops throwing: the read side and reactions are asynchronous. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000, what = 'the condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      return await check();
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not hold within ${timeoutMs} ms: ${last instanceof Error ? last.message : String(last)}`);
}
