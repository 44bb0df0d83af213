import type { ReactNode } from 'react';
import { Layout, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { LanguageSwitch } from '../../layout/language-switch';

/** The frame of the pages anyone may open without signing in: the title, the language switch, the page. */
export function PublicFrame({ children, maxWidth = 960 }: { children: ReactNode; maxWidth?: number }) {
  const { t } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('app.title')} · {t('public.frame')}
        </Typography.Text>
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <main style={{ maxWidth, margin: '0 auto' }}>{children}</main>
      </Layout.Content>
    </Layout>
  );
}
