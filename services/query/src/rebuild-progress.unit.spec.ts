import { RebuildProgress } from './rebuild-progress';

describe('the rebuild’s progress bar', () => {
  it('on a log, writes a line at every tenth with the rate so far', () => {
    let now = 0;
    const lines: string[] = [];
    const progress = new RebuildProgress(1000, (text) => lines.push(text), false, () => now);
    for (let done = 1; done <= 1000; done += 1) {
      now = done; // one event per ms: 1,000 events/s
      progress.update(done);
    }
    progress.finish(1000);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe(`[${'.'.repeat(30)}]   0%  1/1,000 events  1,000 events/s\n`);
    expect(lines[5]).toBe(`[${'#'.repeat(15)}${'.'.repeat(15)}]  50%  500/1,000 events  1,000 events/s\n`);
    expect(lines[10]).toBe(`[${'#'.repeat(30)}] 100%  1,000/1,000 events  1,000 events/s\n`);
  });

  it('on a terminal, redraws one line in place and ends it', () => {
    let now = 0;
    const out: string[] = [];
    const progress = new RebuildProgress(10, (text) => out.push(text), true, () => now);
    for (let done = 1; done <= 10; done += 1) {
      now += 200;
      progress.update(done);
    }
    progress.finish(10);
    expect(out.every((t) => t.startsWith('\r'))).toBe(true);
    expect(out.at(-1)).toMatch(/100% {2}10\/10 events {2}5 events\/s\n$/);
  });

  it('an empty store is done at once', () => {
    const out: string[] = [];
    const progress = new RebuildProgress(0, (text) => out.push(text), false, () => 0);
    progress.finish(0);
    expect(out).toEqual([`[${'#'.repeat(30)}] 100%  0/0 events  0 events/s\n`]);
  });
});
