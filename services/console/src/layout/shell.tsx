import { useState } from 'react';
import { Button, Grid, Layout, Menu, Space, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/i18n';
import { useSession, useSignedIn } from '../session/session';
import { LanguageSwitch } from './language-switch';
import { navigationOf } from './navigation';

/**
 * The console's frame: a side navigation by role (it folds away on a phone and opens from its
 * trigger), a header with who is signed in, the language switch and sign-out, and the page.
 */
export function Shell() {
  const { t } = useI18n();
  const { principal } = useSignedIn();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [collapsed, setCollapsed] = useState(phone);
  // Each item is a real link: a tap or click follows its href as any link does (and it opens in a new tab on request).
  const items = navigationOf(principal.role).map((item) => ({ key: item.path, label: <Link to={item.path}>{t(item.label)}</Link> }));
  const selected = items.find((item) => location.pathname.startsWith(item.key))?.key;
  const who = `${t(`role.${principal.role}`)}${principal.stationId ?? principal.unitId ?? principal.compoundId ? ` · ${principal.stationId ?? principal.unitId ?? principal.compoundId}` : ''}`;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="md" collapsedWidth={0} collapsed={collapsed} onCollapse={setCollapsed} theme="dark" width={200} zeroWidthTriggerStyle={{ top: 12 }}>
        <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 18 }}>{t('app.title')}</div>
        <nav aria-label={t('nav.label')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={items}
            onClick={({ key, domEvent }) => {
              // The link took the click; Enter on an item the arrow keys reached comes here alone.
              if (!(domEvent.target instanceof Element && domEvent.target.closest('a'))) navigate(key);
              if (phone) setCollapsed(true);
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: phone ? '0 12px 0 48px' : '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
          <Typography.Text strong ellipsis style={{ minWidth: 0 }} data-testid="signed-in-as">
            {phone ? t(`role.${principal.role}`) : t('session.as', { who })}
          </Typography.Text>
          <Space size="small">
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} onClick={signOut} aria-label={t('session.signOut')}>
              {phone ? null : t('session.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
