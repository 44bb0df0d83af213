/** A JSON answer as the load and the checks read it: only the fields they look at are named. */
export interface AnswerBody {
  readonly id?: string;
  readonly position?: string;
  readonly whistleId?: string;
  readonly events?: unknown;
  readonly status?: string;
  readonly level?: number;
  readonly tasks?: readonly ViewTask[];
  /** a level-1 case's publicity activity, once enforcement asked for it */
  readonly publicity?: { readonly whistleId: string; readonly status: string } | null;
  readonly [field: string]: unknown;
}

/** A task as the read side's case view shows it. */
export interface ViewTask {
  readonly taskId: string;
  readonly unitId: string;
  readonly whistleId: string;
  readonly status: string;
}

/** What one HTTP attempt came to: an answer, or none (refused connection, reset, time-out). */
export type Attempt = { readonly answered: true; readonly status: number; readonly body: AnswerBody; readonly headers: Headers } | { readonly answered: false; readonly error: string };

/**
 * One request with a time limit: a service killed mid-request leaves the client with a reset or
 * nothing, and nginx answers 502 while the service is down; both are what a real client sees.
 */
export async function attempt(baseUrl: string, method: string, path: string, token: string, options: { body?: unknown; headers?: Record<string, string>; timeoutMs: number }): Promise<Attempt> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    let body: AnswerBody = { text };
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object') body = parsed as AnswerBody;
    } catch {
      // not JSON (nginx's own error pages): kept as text for the report
    }
    return { answered: true, status: response.status, body, headers: response.headers };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { answered: false, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
