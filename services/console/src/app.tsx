import { Suspense } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { CatalogueProvider } from './api/catalogue';
import { I18nProvider, useI18n } from './i18n/i18n';
import { navigationOf } from './layout/navigation';
import { Shell } from './layout/shell';
import { SIGN_IN } from './page-table';
import { pageRoutes } from './routes';
import { SessionProvider, useSession } from './session/session';

/**
 * Ant Design's tokens darkened where the defaults fall short of WCAG AA contrast (4.5:1) on white:
 * the primary blue and the secondary text.
 */
const THEME = { token: { colorPrimary: '#0958d9', colorLink: '#0958d9', colorTextSecondary: 'rgba(0, 0, 0, 0.65)', colorTextDescription: 'rgba(0, 0, 0, 0.65)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)' } };

function Routed() {
  const { session } = useSession();
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
