import { LinkGate } from './link-gate';

/** A piece of work that records when it starts and ends, and ends when told. */
function work(log: string[], name: string) {
  let finish!: () => void;
  const ended = new Promise<void>((resolve) => (finish = resolve));
  return {
    run: async () => {
      log.push(`${name} starts`);
      await ended;
      log.push(`${name} ends`);
      return name;
    },
    finish: () => finish(),
  };
}

const turns = () => new Promise((resolve) => setImmediate(resolve));

describe('LinkGate', () => {
  it('runs reports together: none waits for another', async () => {
    const gate = new LinkGate();
    const log: string[] = [];
    const [a, b, c] = [work(log, 'a'), work(log, 'b'), work(log, 'c')];
    const results = [gate.runTogether(a.run), gate.runTogether(b.run), gate.runTogether(c.run)];
    await turns();
    expect(log).toEqual(['a starts', 'b starts', 'c starts']);
    c.finish();
    b.finish();
    a.finish();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c']);
  });

  it('runs a link alone: after the reports before it, and before the reports after it', async () => {
    const gate = new LinkGate();
    const log: string[] = [];
    const [before, link, after] = [work(log, 'report before'), work(log, 'link'), work(log, 'report after')];
    const results = [gate.runTogether(before.run), gate.runAlone(link.run), gate.runTogether(after.run)];
    await turns();
    expect(log).toEqual(['report before starts']);
    before.finish();
    await turns();
    expect(log).toEqual(['report before starts', 'report before ends', 'link starts']);
    after.finish(); // ready to end, but it has not started: the link runs alone
    await turns();
    expect(log).not.toContain('report after starts');
    link.finish();
    await Promise.all(results);
    expect(log.slice(3)).toEqual(['link ends', 'report after starts', 'report after ends']);
  });

  it('runs links and merges one at a time, in the order asked', async () => {
    const gate = new LinkGate();
    const log: string[] = [];
    const [first, second] = [work(log, 'first'), work(log, 'second')];
    const results = [gate.runAlone(first.run), gate.runAlone(second.run)];
    second.finish();
    await turns();
    expect(log).toEqual(['first starts']);
    first.finish();
    await Promise.all(results);
    expect(log).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
  });

  it('goes on after a failed piece of work, which fails alone', async () => {
    const gate = new LinkGate();
    const failed = gate.runAlone(async () => {
      throw new Error('refused');
    });
    const failedReport = gate.runTogether(async () => {
      throw new Error('refused too');
    });
    await expect(failed).rejects.toThrow('refused');
    await expect(failedReport).rejects.toThrow('refused too');
    await expect(gate.runAlone(async () => 'next')).resolves.toBe('next');
    await expect(gate.runTogether(async () => 'and a report')).resolves.toBe('and a report');
  });
});
