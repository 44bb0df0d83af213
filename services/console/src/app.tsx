import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { CatalogueProvider } from './api/catalogue';
import { I18nProvider, useI18n } from './i18n/i18n';
import { navigationOf } from './layout/navigation';
import { officeRoutes } from './office-routes';
import { Shell } from './layout/shell';
import { CasePage } from './pages/case-page';
import { QueuePage } from './pages/queue-page';
import { ReportPage } from './pages/report-page';
import { SessionProvider, useSession } from './session/session';
import { SignInPage } from './session/sign-in-page';

// ECharts is needed by the dashboard alone: its chunk loads when the dashboard opens.
const DashboardPage = lazy(() => import('./pages/dashboard-page'));
// A unit's and a reporter's own pages load with their first visit, so the other roles never fetch them.
const InboxPage = lazy(() => import('./pages/unit/inbox-page').then((m) => ({ default: m.InboxPage })));
const TaskPage = lazy(() => import('./pages/unit/task-page').then((m) => ({ default: m.TaskPage })));
const MyReportsPage = lazy(() => import('./pages/reporter/my-reports-page').then((m) => ({ default: m.MyReportsPage })));
const loading = (page: React.ReactNode) => <Suspense fallback={<Spin />}>{page}</Suspense>;

/**
 * Ant Design's tokens darkened where the defaults fall short of WCAG AA contrast (4.5:1) on white:
 * the primary blue and the secondary text. The hover blue derived from the primary (#2e7ae6, 4.16:1
 * on a hovered default button; a hovered link's #579df2, 2.6:1 on a hovered table row) is set to
 * one still lighter than the primary but 4.5:1 or more on white and on every hover background
 * (#1668dc: 5.2:1 on white, 5.0:1 on a hovered row, 4.5:1 on #f0f0f0).
 */
const HOVER_BLUE = '#1668dc';
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorPrimaryHover: HOVER_BLUE,
    colorPrimaryTextHover: HOVER_BLUE,
    colorLinkHover: HOVER_BLUE,
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
  // A table draws its "no data" text in the disabled grey (1.6:1): it is read, so it takes the secondary text's.
  components: { Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.65)' } },
};

function Routed() {
  const { session } = useSession();
  if (!session) return <SignInPage />;
  const home = navigationOf(session.principal.role)[0]?.path ?? '/queue';
  return (
    <CatalogueProvider>
      <Routes>
        <Route element={<Shell />}>
          <Route path="/queue" element={<QueuePage />} />
          <Route path="/cases/:id" element={<CasePage />} />
          <Route path="/report" element={<ReportPage />} />
          <Route path="/inbox" element={loading(<InboxPage />)} />
          <Route path="/cases/:id/tasks/:taskId" element={loading(<TaskPage />)} />
          <Route path="/mine" element={loading(<MyReportsPage />)} />
          <Route
            path="/dashboard"
            element={
              <Suspense fallback={<Spin />}>
                <DashboardPage />
              </Suspense>
            }
          />
          {officeRoutes()}
          <Route path="*" element={<Navigate to={home} replace />} />
        </Route>
      </Routes>
    </CatalogueProvider>
  );
}

function Localized() {
  const { locale } = useI18n();
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <Routed />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}
