import { Button, Card, Form, Select, Typography } from 'antd';
import { api } from '../../api/client';
import { recentQuarters } from '../../api/quarters';
import type { FirmView } from '../../api/supervision-types';
import type { CommandResult } from '../../api/types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { useNames, useOpenedAt } from './names';

interface OpenValues {
  quarter: string;
  firmId: string;
  compoundId: string;
}

const FIELDS = {
  quarter: { name: 'quarter', label: 'quarterly.quarter' },
  firmId: { name: 'firmId', label: 'assessment.firm' },
  compoundId: { name: 'compoundId', label: 'assessment.compound' },
} as const;

/** Opens the quarter's assessment of a firm in one of the compounds it serves (a station: in its own communities). */
export function OpenAssessmentForm({ quarter, firms, onOpened }: { quarter: string; firms: readonly FirmView[]; onOpened: (assessmentId: string) => void }) {
  const { t } = useI18n();
  const openedAt = useOpenedAt();
  const { token, principal } = useSignedIn();
  const names = useNames();
  const [form] = Form.useForm<OpenValues>();
  const command = useCommand(form, FIELDS, t);
  const firmId = Form.useWatch('firmId', form);
  const ownCommunities = new Set(names.catalogue.communities.filter((c) => c.stationId === principal.stationId).map((c) => c.id));
  const compoundIds = (firms.find((f) => f.id === firmId)?.compoundIds ?? []).filter(
    (id) => principal.role !== 'station' || ownCommunities.has(names.catalogue.compounds.find((c) => c.id === id)?.communityId ?? ''),
  );
  const submit = async (values: OpenValues) => {
    let id = '';
    if (await command.run(async () => void (id = (await api<CommandResult>('POST', '/api/supervision/assessments', { token, body: values })).id), t('assessment.opened'))) onOpened(id);
  };
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('assessment.open')}</Typography.Title>}>
      <PanelBody error={command.error} testId="open-assessment-form">
        <Form<OpenValues> form={form} layout="inline" requiredMark={false} onFinish={submit} initialValues={{ quarter }}>
          <Form.Item name="quarter" label={t('quarterly.quarter')} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} data-testid="open-assessment-quarter" options={recentQuarters(openedAt, 4).map((q) => ({ value: q, label: q }))} />
          </Form.Item>
          <Form.Item name="firmId" label={t('assessment.firm')} rules={[{ required: true, message: t('assessment.firmNeeded') }]}>
            <Select style={{ minWidth: 200 }} data-testid="open-assessment-firm" showSearch={{ optionFilterProp: 'label' }} onChange={() => form.resetFields(['compoundId'])} options={firms.map((f) => ({ value: f.id, label: f.name }))} />
          </Form.Item>
          <Form.Item name="compoundId" label={t('assessment.compound')} rules={[{ required: true, message: t('assessment.compoundNeeded') }]}>
            <Select style={{ minWidth: 160 }} data-testid="open-assessment-compound" showSearch={{ optionFilterProp: 'label' }} options={compoundIds.map((id) => ({ value: id, label: names.compound(id) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={command.busy} data-testid="open-assessment-submit">
            {t('assessment.open')}
          </Button>
        </Form>
      </PanelBody>
    </Card>
  );
}
