/**
 * A command's answer comes before the read side has applied what it recorded. Until the read
 * side can be asked to answer at the command's position, the console reads again, a little
 * apart and for a bounded time, until what it reads has moved: this is the one place that does
 * it, so the position-wait can take its place.
 */
export async function untilReadSideShows<T>(read: () => Promise<T>, moved: (next: T) => boolean, timeoutMs = 10_000): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  for (let delay = 150; ; delay = Math.min(delay * 2, 1_000)) {
    try {
      last = await read();
      if (moved(last)) return last;
    } catch {
      // A read that fails now (a case not yet known) may succeed on the next try.
    }
    if (Date.now() + delay > until) return last;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
