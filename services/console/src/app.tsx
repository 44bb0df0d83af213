import { Suspense } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { CatalogueProvider } from './api/catalogue';
import { I18nProvider, useI18n } from './i18n/i18n';
import { navigationOf } from './layout/navigation';
import { Shell } from './layout/shell';
import { isPublicPath, PUBLIC_PAGES, SIGN_IN } from './page-table';
import { pageRoutes } from './routes';
import { SessionProvider, useSession } from './session/session';

/**
 * Ant Design's tokens darkened where the defaults fall short of WCAG AA contrast (4.5:1) on white:
 * the primary blue and the secondary text. The hover blue derived from the primary (#2e7ae6, 4.16:1
 * on a hovered default button; a hovered link's #579df2, 2.6:1 on a hovered table row) is set to
 * one still lighter than the primary but 4.5:1 or more on white and on every hover background
 * (#1668dc: 5.2:1 on white, 5.0:1 on a hovered row, 4.5:1 on #f0f0f0). The error red carries white
 * text on danger buttons (确认移除): the default #ff4d4f gives 3.3:1, #cf1322 5.6:1, its hover #dc2626 4.8:1.
 */
const HOVER_BLUE = '#1668dc';
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorPrimaryHover: HOVER_BLUE,
    colorPrimaryTextHover: HOVER_BLUE,
    colorLinkHover: HOVER_BLUE,
    colorError: '#cf1322',
    colorErrorHover: '#dc2626',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
  // A table draws its "no data" text in the disabled grey (1.6:1): it is read, so it takes the secondary text's.
  components: { Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.65)' } },
};

function Routed() {
  const { session } = useSession();
  const { pathname } = useLocation();
  // 公示 and the residents' questionnaire are for everyone: no sign-in, no frame, no catalogue.
  if (isPublicPath(pathname)) return <Routes>{pageRoutes(PUBLIC_PAGES)}</Routes>;
  if (!session) {
    return (
      <Suspense fallback={<Spin fullscreen />}>
        <SIGN_IN.Component />
      </Suspense>
    );
  }
  const home = navigationOf(session.principal.role)[0]?.path ?? '/queue';
  return (
    <CatalogueProvider>
      <Routes>
        <Route element={<Shell />}>
          {pageRoutes()}
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
