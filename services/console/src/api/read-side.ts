/**
 * The client sends every read after the position of the user's last command (After-Position), so
 * the first read already shows what that command recorded. What other services do in reaction
 * (a whistle's tasks, a triage) comes later and has no position the console knows: for that, the
 * console reads again, a little apart and for a bounded time, until what it reads has moved.
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
