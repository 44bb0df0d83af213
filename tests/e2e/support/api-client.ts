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

  request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, raw?: string): Promise<ApiResponse<T>> {
    return send<T>(this.baseUrl, method, path, { token: this.token, headers, ...(body === undefined ? {} : { body }), ...(raw === undefined ? {} : { raw }) });
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

export interface SendOptions {
  /** The bearer token; no Authorization header when left out. */
  readonly token?: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as it is, with content-type application/json (for malformed JSON). */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
}

/** One request with full control over the token and the body, ApiClient's requests with any token or none. */
export async function send<T = any>(baseUrl: string, method: string, path: string, options: SendOptions = {}): Promise<ApiResponse<T>> {
  const hasBody = options.body !== undefined || options.raw !== undefined;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

