import { startTransition, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Select, Space, Spin, Typography } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Role } from '../api/types';
import { useLoad } from '../api/use-load';
import { ErrorAlert } from '../components/error-alert';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from '../layout/language-switch';
import { devSignIn, devSignInChoices, type DevSignInChoices } from './dev-sign-in';
import { CALLBACK_PATH, SignInError, beginSignIn, completeSignIn } from './oidc';
import { useSession } from './session';
import { signInMethod, type OidcProvider } from './sign-in-method';

interface SignInForm {
  role: Role;
  scope?: string;
}

/**
 * Signing in, as the system says it signs users in (`GET /api/auth/sign-in`): through its
 * identity provider (OpenID Connect, code with PKCE), or, with the development secret, by picking
 * any role and scope of the catalogue (marked as development only). Back from the provider at
 * /auth/callback, it completes the sign-in and returns to where the user was.
 */
export function SignInPage() {
  const { t } = useI18n();
  const location = useLocation();
  const callback = location.pathname === CALLBACK_PATH;
  const method = useLoad((signal) => signInMethod(signal), 'sign-in-method');
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, background: '#f0f2f5' }}>
      <main style={{ width: '100%', maxWidth: 440 }}>
        <Card
          title={
            <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
              {t('app.title')} · {t('signIn.title')}
            </Typography.Title>
          }
          extra={<LanguageSwitch />}
        >
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <SessionEndedNotice />
            {callback ? (
              <OidcCallback />
            ) : method.error ? (
              <ErrorAlert error={method.error} onRetry={method.reload} />
            ) : !method.data ? (
              <Spin />
            ) : method.data.method === 'development' ? (
              <DevSignIn />
            ) : method.data.method === 'oidc' ? (
              <OidcSignIn provider={method.data} />
            ) : (
              <Alert type="warning" showIcon data-testid="no-sign-in" title={t('oidc.none.title')} description={t('oidc.none.explain', { issuer: method.data.issuer })} />
            )}
          </Space>
        </Card>
      </main>
    </div>
  );
}

function SessionEndedNotice() {
  const { t } = useI18n();
  const { ended } = useSession();
  if (!ended) return null;
  return <Alert type="info" showIcon data-testid="session-ended" title={t(ended === 'expired' ? 'session.ended.expired' : 'session.ended.refused')} />;
}

function SignInFailure({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!(error instanceof SignInError)) return <ErrorAlert error={error} />;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="sign-in-error"
      title={t(`oidc.error.${error.code}`)}
      description={
        <>
          <div>{t(`oidc.error.${error.code}.action`)}</div>
          {error.detail && <Typography.Text type="secondary">{t('error.serverSaid', { message: error.detail })}</Typography.Text>}
        </>
      }
    />
  );
}

/** The identity provider's sign-in: one button that leaves for the provider's own page. */
function OidcSignIn({ provider }: { provider: OidcProvider }) {
  const { t, locale } = useI18n();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const start = () => {
    setBusy(true);
    setError(null);
    beginSignIn(provider, `${location.pathname}${location.search}`, locale).catch((e: unknown) => {
      setError(e);
      setBusy(false);
    });
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('oidc.explain')}</Typography.Paragraph>
      {error !== null && <SignInFailure error={error} />}
      <Button type="primary" size="large" block icon={<LoginOutlined />} loading={busy} onClick={start} data-testid="oidc-sign-in">
        {t('oidc.signIn')}
      </Button>
      <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
        {t('oidc.provider', { issuer: provider.issuer })}
      </Typography.Text>
    </Space>
  );
}

/** Back from the provider: the code becomes a session, and the user returns to where signing in began. */
function OidcCallback() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const { search } = useLocation();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    completeSignIn(search).then(
      ({ session, returnTo }) => {
        if (!current) return;
        // In one transition, as React Router makes its navigation one: signed in before the address
        // changed, the routes would find the callback's address, which no page has, and go home.
        startTransition(() => {
          navigate(returnTo, { replace: true });
          signIn(session);
        });
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [search, navigate, signIn]);
  if (error === null) return <Spin description={t('oidc.completing')}><div style={{ minHeight: 48 }} /></Spin>;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SignInFailure error={error} />
      <Button type="primary" block onClick={() => navigate('/', { replace: true })}>
        {t('oidc.tryAgain')}
      </Button>
    </Space>
  );
}

function DevSignIn() {
  const choices = useLoad((_signal) => devSignInChoices(), 'dev-sign-in');
  if (choices.error) return <ErrorAlert error={choices.error} onRetry={choices.reload} />;
  if (!choices.data) return <Spin />;
  return <DevSignInForm choices={choices.data} />;
}

function DevSignInForm({ choices }: { choices: DevSignInChoices }) {
  const { t, nameOf } = useI18n();
  const { signIn } = useSession();
  const [form] = Form.useForm<SignInForm>();
  const role = Form.useWatch('role', form) ?? 'station';
  const scope = choices.scopeOf[role];
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const scopeOptions = (scope === 'stationId' ? choices.stations : scope === 'unitId' ? choices.units : choices.compounds).map((c) => ({ value: c.id, label: nameOf(c.name) }));
  const scopeLabel = scope === 'stationId' ? t('signIn.station') : scope === 'unitId' ? t('signIn.unit') : t('signIn.compound');

  const submit = async (values: SignInForm) => {
    setBusy(true);
    setError(null);
    try {
      signIn(await devSignIn({ role: values.role, ...(scope && values.scope ? { [scope]: values.scope } : {}) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="warning"
        showIcon
        data-testid="dev-only"
        title={<strong>{t('signIn.devBanner')}</strong>}
        description={t('signIn.devExplain')}
      />
      {error !== null && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" initialValues={{ role: 'station', scope: choices.stations[0]?.id }} onFinish={submit} requiredMark={false}>
        <Form.Item name="role" label={t('signIn.role')} rules={[{ required: true }]}>
          <Select
            data-testid="role"
            options={choices.roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            onChange={(next: Role) => {
              const nextScope = choices.scopeOf[next];
              const first = nextScope === 'stationId' ? choices.stations[0] : nextScope === 'unitId' ? choices.units[0] : nextScope === 'compoundId' ? choices.compounds[0] : undefined;
              form.setFieldValue('scope', first?.id);
            }}
          />
        </Form.Item>
        {scope && (
          <Form.Item name="scope" label={scopeLabel} rules={[{ required: true, message: t('signIn.pick', { what: scopeLabel }) }]}>
            <Select data-testid="scope" showSearch={{ optionFilterProp: 'label' }} options={scopeOptions} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('signIn.submit')}
        </Button>
      </Form>
    </Space>
  );
}
