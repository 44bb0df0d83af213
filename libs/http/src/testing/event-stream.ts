/** One server-sent event as a test sees it. */
export interface StreamedEvent {
  readonly event: string;
  readonly id: string | null;
  // Tests read into the JSON freely; a wrong guess fails the assertion that follows.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly data: any;
}

export interface EventStreamReader {
  readonly response: Response;
  /** every event so far, in order */
  readonly events: StreamedEvent[];
  /** every comment line so far (heartbeats), without the colon */
  readonly comments: string[];
  /** the events named `name` so far */
  named(name: string): StreamedEvent[];
  /** Resolves once `check` holds, looking every 20 ms; fails naming what arrived after `ms`. */
  until(check: () => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Reads a text/event-stream with fetch and a stream reader, as the console does (a bearer token in
 * a header, which EventSource cannot send), parsing each frame as it comes. Resolves once the
 * response has begun; `until` waits for what a test expects.
 */
export async function openEventStream(url: string, token: string): Promise<EventStreamReader> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
  const events: StreamedEvent[] = [];
  const comments: string[] = [];
  const reading = (async () => {
    if (!response.body) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          comments.push(...lines.filter((line) => line.startsWith(':')).map((line) => line.slice(1).trim()));
          const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
          const event = field('event');
          if (event) events.push({ event, id: field('id'), data: JSON.parse(field('data') ?? 'null') as unknown });
        }
      }
    } catch {
      // ended by close()
    }
  })();
  const named = (name: string) => events.filter((e) => e.event === name);
  return {
    response,
    events,
    comments,
    named,
    async until(check, ms = 10_000) {
      const end = Date.now() + ms;
      while (!check()) {
        if (Date.now() > end) throw new Error(`the event stream did not get there within ${ms} ms; it sent ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}
