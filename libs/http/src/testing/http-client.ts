export interface Sent {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

export interface SendOptions {
  readonly method?: string;
  readonly token?: string;
  /** Sent as JSON unless it is a string, which is sent as it is. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** fetch against the running test server; the body is parsed when it is JSON. */
export async function send(base: string, path: string, options: SendOptions = {}): Promise<Sent> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${base}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json');
  return { status: response.status, headers: response.headers, body: json ? (JSON.parse(text) as unknown) : text, text };
}
