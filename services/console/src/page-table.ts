import type { ComponentType } from 'react';
import { lazyComponent } from './lazy-component';
// Small, and in the console's first chunk: the dashboard's request goes out before the rest of its code has come.
import { prefetchTrends } from './pages/office/dashboard-request';

type Page = ComponentType<object>;

/** A page's first request, sent as the console starts on its address: `search` is the address's query, `token` the session's. */
type Prefetch = (search: string, token: string) => void;

/**
 * Every page inside the console's frame, each a chunk of its own: a route loads the code of what
 * it shows and no other page's (ECharts only with the dashboard's charts). routes.tsx makes them
 * routes; main.tsx fetches the first one's chunk beside the console's own.
 */
export const PAGES = (
  [
    ['/queue', () => import('./pages/queue-page').then((m) => m.QueuePage)],
    ['/cases/:id', () => import('./pages/case-page').then((m) => m.CasePage)],
    ['/report', () => import('./pages/report-page').then((m) => m.ReportPage)],
    ['/inbox', () => import('./pages/unit/inbox-page').then((m) => m.InboxPage)],
    ['/cases/:id/tasks/:taskId', () => import('./pages/unit/task-page').then((m) => m.TaskPage)],
    ['/mine', () => import('./pages/reporter/my-reports-page').then((m) => m.MyReportsPage)],
    ['/dashboard', () => import('./pages/dashboard-page').then((m) => m.default), prefetchTrends],
    ['/dashboard/cases', () => import('./pages/office/drill-down-page').then((m) => m.default)],
    ['/meetings', () => import('./pages/office/meetings-page').then((m) => m.default)],
    ['/meetings/:id', () => import('./pages/office/meeting-page').then((m) => m.default)],
    ['/meetings/:id/minutes', () => import('./pages/office/minutes-page').then((m) => m.default)],
    ['/audit', () => import('./pages/audit/audit-find-page').then((m) => m.default)],
    ['/audit/cases/:id', () => import('./pages/audit/audit-case-page').then((m) => m.default)],
    ['/audit/cases/:id/dossier', () => import('./pages/audit/dossier-page').then((m) => m.default)],
    ['/evaluations', () => import('./pages/supervision/evaluations-page').then((m) => m.default)],
    ['/quarterly', () => import('./pages/supervision/quarterly-page').then((m) => m.default)],
    ['/firms', () => import('./pages/supervision/firms-page').then((m) => m.default)],
    ['/firms/:id', () => import('./pages/supervision/firm-page').then((m) => m.default)],
    ['/assessments', () => import('./pages/supervision/assessments-page').then((m) => m.default)],
    ['/assessments/:id', () => import('./pages/supervision/assessment-page').then((m) => m.default)],
    ['/notices', () => import('./pages/supervision/notices-page').then((m) => m.default)],
    ['/bulletin', () => import('./pages/supervision/bulletin-page').then((m) => m.default)],
    ['/compounds', () => import('./pages/compounds/compounds-page').then((m) => m.default)],
    ['/compounds/:id', () => import('./pages/compounds/compound-page').then((m) => m.default)],
    ['/notifications', () => import('./pages/notifications/notifications-page').then((m) => m.default)],
    ['/catalogue', () => import('./pages/catalogue/catalogue-page').then((m) => m.default)],
  ] as const satisfies readonly (readonly [string, () => Promise<Page>, Prefetch?])[]
).map(([path, load, prefetch]: readonly [string, () => Promise<Page>, Prefetch?]) => ({ path, prefetch, ...lazyComponent<object>(load) }));

/**
 * The pages anyone may open without signing in (公示 and the residents' questionnaire), outside the
 * console's frame and with no catalogue: they read only the public API.
 */
export const PUBLIC_PAGES = (
  [
    ['/public', () => import('./pages/supervision/public-page').then((m) => m.default)],
    ['/q/:token', () => import('./pages/supervision/questionnaire-page').then((m) => m.default)],
  ] as const satisfies readonly (readonly [string, () => Promise<Page>])[]
).map(([path, load]: readonly [string, () => Promise<Page>]) => ({ path, ...lazyComponent<object>(load) }));

/** Whether the address is a public page's. */
export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PAGES.some(({ path }) => matches(path, pathname));
}

/** The sign-in page: only who is signed out needs its code. */
export const SIGN_IN = lazyComponent<object>(() => import('./session/sign-in-page').then((m) => m.SignInPage));

/**
 * Fetches the chunk of the page at the address, if it is one, and sends the page's first request;
 * resolves when the chunk is there. A public page needs no token; signed out (`token` null), any
 * other address shows the sign-in page. Called as the console starts, so that the page's code and
 * data come while the console's own code does, and the page renders in the first frame instead of
 * after a spinner.
 */
export function preloadPage(location: { readonly pathname: string; readonly search: string }, token: string | null): Promise<unknown> {
  const open = PUBLIC_PAGES.find(({ path }) => matches(path, location.pathname));
  if (open) return open.preload();
  if (token === null) return SIGN_IN.preload();
  const page = PAGES.find(({ path }) => matches(path, location.pathname));
  if (!page) return Promise.resolve();
  page.prefetch?.(location.search, token);
  return page.preload();
}

/** Whether `pathname` is of the route `path` (`/cases/:id`): React Router's matching, of which this chunk needs only so much. */
function matches(path: string, pathname: string): boolean {
  const want = path.split('/');
  const have = pathname.replace(/\/+$/, '').split('/');
  return want.length === have.length && want.every((part, i) => (part.startsWith(':') ? (have[i] ?? '') !== '' : part === have[i]));
}
