import { ChangeSignal } from './change-signal';

describe('ChangeSignal', () => {
  it('wakes every waiter at the next notify, and forgets them', async () => {
    const signal = new ChangeSignal();
    const woken: string[] = [];
    const first = signal.next(10_000).then(() => woken.push('first'));
    const second = signal.next(10_000).then(() => woken.push('second'));
    expect(signal.waiters).toBe(2);
    signal.notify();
    await Promise.all([first, second]);
    expect(woken.sort()).toEqual(['first', 'second']);
    expect(signal.waiters).toBe(0);
  });

  it('lets a waiter go when its time is up, without a notify', async () => {
    const signal = new ChangeSignal();
    const started = Date.now();
    await signal.next(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(signal.waiters).toBe(0);
  });

  it('does not wake a waiter that came after the notify', async () => {
    const signal = new ChangeSignal();
    signal.notify();
    let woken = false;
    const late = signal.next(40).then(() => (woken = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(woken).toBe(false);
    await late;
  });
});
