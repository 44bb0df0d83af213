import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { printTable } from './report';

/** Linux counts a process's CPU time in /proc/<pid>/stat in ticks of 1/100 s (USER_HZ on every architecture Node runs on here). */
const TICKS_PER_SECOND = 100;

interface ProcessTime {
  readonly seconds: number;
  /** when it started, in ticks since boot: with the pid, which process it is (a pid may be reused; a command line may change, as PostgreSQL's backends rewrite theirs at each statement) */
  readonly startedAt: number;
  readonly commandLine: string;
}

/** Every process's CPU time so far (user + system) and its command line, by pid; those that end while read are left out. */
export function processTimes(): Map<number, ProcessTime> {
  const times = new Map<number, ProcessTime>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(Number(entry));
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      // starttime is field 22
      times.set(Number(entry), { seconds: cpuSecondsIn(fields), startedAt: Number(fields[19]), commandLine });
    } catch {
      // the process ended between the listing and the read
    }
  }
  return times;
}

/** /proc/<pid>/stat's fields from the third (state) on: those after the command name, which may itself hold spaces and parentheses. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The CPU time so far (user + system: fields 14 and 15 of proc(5)) in a process's stat fields, in seconds. */
function cpuSecondsIn(fields: readonly string[]): number {
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** One process's CPU time so far, in seconds. */
export function cpuSecondsOf(pid: number): number {
  return cpuSecondsIn(statFields(pid));
}

/**
 * The CPU each kind of process used between two readings, by the label `kindOf` gives its command
 * line at the second (processes it gives none are "everything else"). A process started in between
 * counts from zero; one that ended in between is lost, with the CPU it used.
 */
export function cpuBetween(before: Map<number, ProcessTime>, after: Map<number, ProcessTime>, kindOf: (commandLine: string, pid: number) => string | undefined): Map<string, number> {
  const used = new Map<string, number>();
  for (const [pid, now] of after) {
    const earlier = before.get(pid);
    const seconds = now.seconds - (earlier?.startedAt === now.startedAt ? earlier.seconds : 0);
    if (seconds <= 0) continue;
    const kind = kindOf(now.commandLine, pid) ?? 'everything else';
    used.set(kind, (used.get(kind) ?? 0) + seconds);
  }
  return used;
}

/** Prints where the CPU went while `work` items were done in `wallSeconds`: per kind, its seconds, its CPU per item and its share of the machine. */
export function printCpu(title: string, used: Map<string, number>, work: { readonly items: number; readonly unit: string; readonly wallSeconds: number }): void {
  const machine = work.wallSeconds * cpus().length;
  const rows = [...used].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, seconds]) => sum + seconds, 0);
  printTable(
    title,
    ['process', 'CPU s', `CPU ms per ${work.unit}`, 'share of the machine'],
    [...rows, ['all', total] as const].map(([kind, seconds]) => [
      kind,
      seconds.toFixed(2),
      ((seconds * 1000) / work.items).toFixed(2),
      `${((100 * seconds) / machine).toFixed(0)} %`,
    ]),
  );
}
