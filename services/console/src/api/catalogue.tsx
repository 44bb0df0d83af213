import { createContext, useContext, type ReactNode } from 'react';
import { Result, Spin } from 'antd';
import { ErrorAlert } from '../components/error-alert';
import { useI18n } from '../i18n/i18n';
import { useSignedIn } from '../session/session';
import { api } from './client';
import type { Catalogue } from './types';
import { useLoad } from './use-load';

const CatalogueContext = createContext<Catalogue | null>(null);

/** Loads `GET /api/catalogue` once per sign-in; the pages below pick names and choices from it. */
export function CatalogueProvider({ children }: { children: ReactNode }) {
  const { token } = useSignedIn();
  const { t } = useI18n();
  const catalogue = useLoad((signal) => api<Catalogue>('GET', '/api/catalogue', { token, signal }), token);
  if (catalogue.data) return <CatalogueContext.Provider value={catalogue.data}>{children}</CatalogueContext.Provider>;
  if (catalogue.error) return <Result status="error" title={<ErrorAlert error={catalogue.error} onRetry={catalogue.reload} />} />;
  return <Spin description={t('common.loading')} fullscreen />;
}

export function useCatalogue(): Catalogue {
  const catalogue = useContext(CatalogueContext);
  if (!catalogue) throw new Error('useCatalogue is used outside CatalogueProvider');
  return catalogue;
}
