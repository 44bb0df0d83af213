/** A detail of an API error: the bad field of a 400, or the refusal's code of a 409. */
export interface ErrorDetail {
  readonly field?: string;
  readonly message?: string;
  readonly code?: string;
}

/** An answer of the API other than 2xx, in its error shape; status 0 when the server was not reached. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
  }

  /** The refusal's code (409), e.g. `whistle.in_progress`. */
  get code(): string | undefined {
    return this.details.find((d) => d.code !== undefined)?.code;
  }
}

type Listener = () => void;
let unauthorizedListener: Listener | null = null;
/** A 401 heard before anyone listened (a request sent as the console started): told to the first listener. */
let unheardUnauthorized = false;

/** Called when the API answers 401: the session ends and the sign-in page shows. */
export function onUnauthorized(listener: Listener): void {
  unauthorizedListener = listener;
  if (unheardUnauthorized) {
    unheardUnauthorized = false;
    listener();
  }
}

/** Ends the session as a 401 does (the live stream reads the API without `api`). */
export function signalUnauthorized(): void {
  if (unauthorizedListener) unauthorizedListener();
  else unheardUnauthorized = true;
}

/**
 * The position of the user's last command, for the token that made it. Sent as After-Position
 * with every later request of that token, so a read (or another service's command) answers only
 * once it reflects that command: a page shows a command's effect at once, without polling.
 */
let remembered: { readonly token: string; readonly position: string } | null = null;

/** The position the next request of `token` is sent after, if any. */
export function positionFor(token: string | null | undefined): string | null {
  return token && remembered?.token === token ? remembered.position : null;
}

/** Stops sending the remembered position (the service said it could not reach it in time, or cannot read it). */
export function forgetPosition(): void {
  remembered = null;
}

export interface RequestOptions {
  readonly token?: string | null;
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined | null>>;
  readonly signal?: AbortSignal;
  /** the revision the command expects (If-Match) */
  readonly ifMatch?: number;
}

/** One call of the public API at the same origin, JSON in and out. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT', path: string, options: RequestOptions = {}): Promise<T> {
  const query = Object.entries(options.query ?? {}).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null && entry[1] !== '');
  const url = query.length ? `${path}?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}` : path;
  const after = positionFor(options.token);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(after ? { 'after-position': after } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.ifMatch === undefined ? {} : { 'if-match': String(options.ifMatch) }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const body = (parsed ?? {}) as { message?: unknown; details?: unknown };
    const message = typeof body.message === 'string' ? body.message : response.statusText;
    const details = Array.isArray(body.details) ? (body.details as ErrorDetail[]) : [];
    if (response.status === 401 && options.token) signalUnauthorized();
    const error = new ApiError(response.status, message, details);
    // The error is shown once; after that the user's retry reads what there is rather than wait again.
    if (after && (error.code === 'position_not_reached' || details.some((d) => d.field === 'After-Position'))) forgetPosition();
    throw error;
  }
  const position = response.headers.get('position');
  if (method !== 'GET' && position && options.token) remembered = { token: options.token, position };
  return parsed as T;
}

/**
 * A file the API serves to a signed-in user (a workbook, a printable page): fetched with the token,
 * since a plain link sends none, as a blob with the file name the server gave it.
 */
export async function fetchFile(path: string, options: Pick<RequestOptions, 'token' | 'query'>): Promise<{ readonly blob: Blob; readonly fileName: string | null }> {
  const query = Object.entries(options.query ?? {}).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null && entry[1] !== '');
  const url = query.length ? `${path}?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}` : path;
  let response: Response;
  try {
    response = await fetch(url, { headers: options.token ? { authorization: `Bearer ${options.token}` } : {} });
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: unknown; details?: unknown };
    if (response.status === 401 && options.token) signalUnauthorized();
    throw new ApiError(response.status, typeof body.message === 'string' ? body.message : response.statusText, Array.isArray(body.details) ? (body.details as ErrorDetail[]) : []);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), fileName: fileName ? decodeURIComponent(fileName) : null };
}
