import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { api } from '../../api/client';
import { BUCKETS, type Bucket, type Trends } from '../../api/office-types';
import type { StatsGroupBy } from '../../api/types';
import { useLoad, type Loaded } from '../../api/use-load';

export const GROUP_BYS: readonly StatsGroupBy[] = ['station', 'unit', 'community'];
export const DATE = 'YYYY-MM-DD';

/** What the dashboard shows, as its address says, with the defaults: by station, the last 30 days, intervals the server picks. */
export interface DashboardChoices {
  readonly groupBy: StatsGroupBy;
  readonly bucket: Bucket | undefined;
  readonly firstDay: Dayjs;
  readonly lastDay: Dayjs;
  /** the days as the user's calendar has them, so the server cuts the period where the user's days begin */
  readonly period: { readonly from: string; readonly to: string };
}

export function choicesOf(params: URLSearchParams): DashboardChoices {
  const groupBy = (GROUP_BYS as readonly string[]).includes(params.get('groupBy') ?? '') ? (params.get('groupBy') as StatsGroupBy) : 'station';
  const bucketParam = params.get('bucket');
  const bucket = (BUCKETS as readonly string[]).includes(bucketParam ?? '') ? (bucketParam as Bucket) : undefined;
  const firstDay = dayjs(params.get('from') ?? '', DATE, true).isValid() ? dayjs(params.get('from'), DATE) : dayjs().subtract(29, 'day');
  const lastDay = dayjs(params.get('to') ?? '', DATE, true).isValid() ? dayjs(params.get('to'), DATE) : dayjs();
  return { groupBy, bucket, firstDay, lastDay, period: { from: firstDay.startOf('day').format(), to: lastDay.add(1, 'day').startOf('day').format() } };
}

/** Everything the figures depend on, as one string. */
export function trendsKey({ groupBy, bucket, period }: DashboardChoices, token: string): string {
  return `${token}|${groupBy}|${period.from}|${period.to}|${bucket ?? ''}`;
}

export function requestTrends({ groupBy, bucket, period }: DashboardChoices, token: string, signal?: AbortSignal): Promise<Trends> {
  return api<Trends>('GET', '/api/query/stats/trends', { token, ...(signal ? { signal } : {}), query: { groupBy, ...period, bucket } });
}

/** A request sent as the console started, for so long: after that, the page asks afresh. */
const EARLY_FOR_MS = 10_000;

interface Early {
  readonly key: string;
  readonly answer: Promise<Trends>;
  readonly sentAt: number;
  /** the answer, once it came */
  data?: Trends;
}
let early: Early | null = null;

/**
 * Sends the dashboard's request as the console starts (routes.tsx, when the address is the
 * dashboard's), beside the requests for the page's code and the catalogue rather than after them.
 */
export function prefetchTrends(search: string, token: string): void {
  const choices = choicesOf(new URLSearchParams(search));
  const sent: Early = { key: trendsKey(choices, token), answer: requestTrends(choices, token), sentAt: Date.now() };
  // Whoever takes it hears of a failure; until then it is not an unhandled one.
  sent.answer.then((data) => (sent.data = data), () => undefined);
  early = sent;
}

/**
 * The request sent as the console started, if it asked for `key` just now: its answer when it has
 * come (the page's first render shows it), else the request to wait for. Taken once.
 */
function takePrefetchedTrends(key: string): { readonly data: Trends } | Promise<Trends> | undefined {
  const taken = early;
  early = null;
  if (!taken || taken.key !== key || Date.now() - taken.sentAt >= EARLY_FOR_MS) return undefined;
  return taken.data ? { data: taken.data } : taken.answer;
}

/**
 * The figures for the choices: at first those of the request sent as the console started, if it
 * asked for the same (shown in the first render when they came before it), then asked afresh at
 * every change and retry.
 */
export function useTrends(choices: DashboardChoices, token: string): Loaded<Trends> {
  const key = trendsKey(choices, token);
  const [early] = useState(() => ({ key, taken: takePrefetchedTrends(key) }));
  const earlyUsed = useRef(false);
  const waiting = early.key === key && early.taken instanceof Promise ? early.taken : undefined;
  const ready = early.key === key && early.taken !== undefined && !(early.taken instanceof Promise) ? early.taken : undefined;
  return useLoad((signal) => {
    const first = !earlyUsed.current;
    earlyUsed.current = true;
    return first && waiting ? waiting : requestTrends(choices, token, signal);
  }, key, ready);
}
