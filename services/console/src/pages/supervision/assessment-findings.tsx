import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { ASSESSMENT_DIMENSIONS, type AssessmentDimension, type Finding } from '../../api/supervision-types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { useOpenedAt, useWhen } from './names';
import type { AssessmentPartProps } from './use-assessment';

interface FindingValues {
  dimension: AssessmentDimension;
  description: string;
  rectifyBy: Dayjs;
}

const FIELDS = {
  dimension: { name: 'dimension', label: 'assessment.dimension' },
  description: { name: 'description', label: 'finding.description' },
  rectifyBy: { name: 'rectifyBy', label: 'finding.rectifyBy' },
} as const;

/** 问题清单: the problems found, each to be rectified by a date and closed (销号) once verified, which goes on after the results. */
export function AssessmentFindings({ assessment, settle, mayAct }: AssessmentPartProps) {
  const { t } = useI18n();
  const openedAt = useOpenedAt();
  const { token } = useSignedIn();
  const when = useWhen();
  const [form] = Form.useForm<FindingValues>();
  const command = useCommand(form, FIELDS, t);
  const [closing, setClosing] = useState<Finding | null>(null);
  const base = `/api/supervision/assessments/${encodeURIComponent(assessment.id)}`;
  const submit = async (v: FindingValues) => {
    const body = { dimension: v.dimension, description: v.description, rectifyBy: v.rectifyBy.endOf('day').toISOString() };
    if (await command.run(() => api('POST', `${base}/findings`, { token, body }), t('finding.recorded'))) {
      form.resetFields();
      await settle();
    }
  };
  const now = openedAt;
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('finding.title')}</Typography.Title>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Table<Finding>
          data-testid="assessment-findings"
          rowKey="findingId"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[...assessment.findings]}
          locale={{ emptyText: t('finding.none') }}
          columns={[
            { title: t('assessment.dimension'), key: 'dimension', render: (_, f) => t(`dimension.${f.dimension}`) },
            { title: t('finding.description'), dataIndex: 'description' },
            { title: t('finding.rectifyBy'), key: 'by', render: (_, f) => when(f.rectifyBy) },
            {
              title: t('finding.status'),
              key: 'status',
              render: (_, f) =>
                f.status === 'rectified' ? (
                  <Tag color="#237804">{t('finding.status.rectified')}</Tag>
                ) : (
                  <Tag color={Date.parse(f.rectifyBy) < now ? '#a8071a' : '#0958d9'}>{t(Date.parse(f.rectifyBy) < now ? 'finding.status.overdue' : 'finding.status.open')}</Tag>
                ),
            },
            { title: t('finding.note'), key: 'note', render: (_, f) => (f.note ? `${f.note}（${f.verifiedAt ? when(f.verifiedAt) : ''}）` : '—') },
            {
              title: t('finding.action'),
              key: 'action',
              render: (_, f) =>
                mayAct &&
                f.status === 'open' && (
                  <Button size="small" onClick={() => setClosing(f)} data-testid={`finding-rectify-${f.findingId}`} aria-label={t('finding.rectifyLabel', { description: f.description })}>
                    {t('finding.rectify')}
                  </Button>
                ),
            },
          ]}
        />
        {mayAct && assessment.status === 'open' && (
          <PanelBody error={command.error} testId="finding-form">
            <Form<FindingValues> form={form} layout="inline" requiredMark={false} onFinish={submit}>
              <Form.Item name="dimension" label={t('assessment.dimension')} rules={[{ required: true, message: t('assessment.dimensionNeeded') }]}>
                <Select style={{ width: 180 }} data-testid="finding-dimension" options={ASSESSMENT_DIMENSIONS.map((d) => ({ value: d, label: t(`dimension.${d}`) }))} />
              </Form.Item>
              <Form.Item name="description" label={t('finding.description')} rules={[{ required: true, whitespace: true, message: t('finding.descriptionNeeded') }]}>
                <Input maxLength={2000} data-testid="finding-description" />
              </Form.Item>
              <Form.Item name="rectifyBy" label={t('finding.rectifyBy')} rules={[{ required: true, message: t('finding.rectifyByNeeded') }]}>
                <DatePicker data-testid="finding-rectify-by" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={command.busy} data-testid="finding-submit">
                {t('finding.submit')}
              </Button>
            </Form>
          </PanelBody>
        )}
      </Space>
      <Modal open={closing !== null} title={t('finding.rectify')} footer={null} onCancel={() => setClosing(null)} destroyOnHidden>
        {closing && (
          <RectifyForm
            path={`${base}/findings/${closing.findingId}/rectified`}
            onDone={async () => {
              setClosing(null);
              await settle();
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

/** 销号: the note of how the finding was verified rectified. */
function RectifyForm({ path, onDone }: { path: string; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<{ note: string }>();
  const command = useCommand(form, { note: { name: 'note', label: 'finding.note' } }, t);
  const submit = async (body: { note: string }) => {
    if (await command.run(() => api('POST', path, { token, body }), t('finding.rectified'))) await onDone();
  };
  return (
    <PanelBody error={command.error} testId="rectify-form">
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item name="note" label={t('finding.note')} rules={[{ required: true, whitespace: true, message: t('finding.noteNeeded') }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="rectify-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={command.busy} data-testid="rectify-submit">
          {t('finding.rectify')}
        </Button>
      </Form>
    </PanelBody>
  );
}
