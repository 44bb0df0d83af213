import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useCatalogue } from '../api/catalogue';
import { api } from '../api/client';
import { LEVELS, type CaseDetail, type CommandResult, type Level } from '../api/types';
import { ErrorAlert } from '../components/error-alert';
import { useI18n } from '../i18n/i18n';
import { useSignedIn } from '../session/session';

interface WhistleForm {
  level: Level;
  reason?: string;
}

/** 吹哨: the station picks the level (the proposed one first) and sees which units the catalogue will summon. */
export function WhistlePanel({ view, onDone }: { view: CaseDetail; onDone: () => void }) {
  const { t, nameOf } = useI18n();
  const { token } = useSignedIn();
  const catalogue = useCatalogue();
  const [form] = Form.useForm<WhistleForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const proposed = view.proposedLevel ?? view.level ?? 2;
  const level = Form.useWatch('level', form) ?? proposed;
  const category = catalogue.categories.find((c) => c.id === view.category);
  const units = (category?.unitIds ?? []).map((id) => nameOf(catalogue.units.find((u) => u.id === id)?.name, id));

  const submit = async (values: WhistleForm) => {
    setBusy(true);
    setError(null);
    try {
      await api<CommandResult>('POST', `/api/escalation/cases/${view.id}/whistle`, { token, body: { level: values.level, ...(values.reason ? { reason: values.reason } : {}) } });
      setDone(true);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('whistle.title')}</Typography.Title>} data-testid="whistle-panel">
      {done && <Alert type="success" showIcon title={t('whistle.done')} style={{ marginBottom: 12 }} />}
      {error !== null && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      <Form form={form} layout="vertical" initialValues={{ level: proposed }} onFinish={submit} requiredMark={false}>
        <Form.Item name="level" label={t('whistle.level')} extra={t('whistle.units', { units: units.join('、') })}>
          <Select options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        </Form.Item>
        {level !== proposed && (
          <Form.Item name="reason" label={t('whistle.reason')} rules={[{ required: true, whitespace: true, message: t('whistle.reasonNeeded') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} disabled={done}>
          {t('whistle.submit')}
        </Button>
      </Form>
    </Card>
  );
}
