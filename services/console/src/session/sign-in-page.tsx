import { useState } from 'react';
import { Alert, Button, Card, Form, Select, Space, Spin, Typography } from 'antd';
import type { Role } from '../api/types';
import { useLoad } from '../api/use-load';
import { ErrorAlert } from '../components/error-alert';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from '../layout/language-switch';
import { devSignIn, devSignInChoices, type DevSignInChoices } from './dev-sign-in';
import { useSession } from './session';

interface SignInForm {
  role: Role;
  scope?: string;
}

/**
 * Signing in. With the development secret the system offers every role and scope of its
 * catalogue (marked as development only); a system with a real identity provider offers none,
 * and signing in through that provider (OpenID Connect) is the other branch of this page.
 */
export function SignInPage() {
  const { t } = useI18n();
  const choices = useLoad((_signal) => devSignInChoices(), 'dev-sign-in');
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
          {choices.error ? (
            <ErrorAlert error={choices.error} onRetry={choices.reload} />
          ) : choices.loading && !choices.data ? (
            <Spin />
          ) : choices.data ? (
            <DevSignInForm choices={choices.data} />
          ) : (
            <Alert type="info" showIcon title={t('signIn.noDevSignIn')} />
          )}
        </Card>
      </main>
    </div>
  );
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
