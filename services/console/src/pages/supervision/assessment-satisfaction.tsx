import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { CommandResult } from '../../api/types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { useWhen } from './names';
import { parseScores } from './satisfaction-scores';
import type { AssessmentPartProps } from './use-assessment';

/**
 * 满意度: the residents' scores so far (at least the weighting's minimum are needed to complete),
 * a batch the station collected, and a public questionnaire link for the residents to answer.
 */
export function AssessmentSatisfaction({ assessment, settle, mayAct }: AssessmentPartProps) {
  const { t } = useI18n();
  const when = useWhen();
  const { satisfaction } = assessment;
  const open = mayAct && assessment.status === 'open';
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('satisfaction.title')}</Typography.Title>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="satisfaction-summary">
          <Descriptions.Item label={t('satisfaction.responses')}>
            <span data-testid="satisfaction-responses">{satisfaction.responses}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('satisfaction.average')}>{satisfaction.average === null ? '—' : satisfaction.average.toFixed(2)}</Descriptions.Item>
          <Descriptions.Item label={t('satisfaction.bySource')}>{t('satisfaction.bySourceText', { station: satisfaction.bySource.station, questionnaire: satisfaction.bySource.questionnaire })}</Descriptions.Item>
        </Descriptions>
        {open && <BatchForm assessmentId={assessment.id} settle={settle} />}
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
          {t('questionnaire.title')}
        </Typography.Title>
        <Table
          data-testid="questionnaires"
          rowKey="questionnaireId"
          size="small"
          pagination={false}
          dataSource={[...assessment.questionnaires]}
          locale={{ emptyText: t('questionnaire.none') }}
          columns={[
            { title: t('questionnaire.expiresAt'), key: 'expires', render: (_, q: AssessmentPartProps['assessment']['questionnaires'][number]) => when(q.expiresAt) },
            { title: t('questionnaire.responses'), key: 'responses', render: (_, q: AssessmentPartProps['assessment']['questionnaires'][number]) => `${q.responses} / ${q.maxResponses}` },
          ]}
        />
        {open && <QuestionnaireForm assessmentId={assessment.id} settle={settle} />}
      </Space>
    </Card>
  );
}

function BatchForm({ assessmentId, settle }: { assessmentId: string; settle: () => Promise<void> }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<{ scores: string }>();
  const command = useCommand(form, { scores: { name: 'scores', label: 'satisfaction.scores' } }, t);
  const submit = async ({ scores }: { scores: string }) => {
    const body = { scores: parseScores(scores) ?? [] };
    if (await command.run(() => api('POST', `/api/supervision/assessments/${encodeURIComponent(assessmentId)}/satisfaction`, { token, body }), t('satisfaction.recorded', { count: body.scores.length }))) {
      form.resetFields();
      await settle();
    }
  };
  return (
    <PanelBody error={command.error} testId="satisfaction-form">
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          name="scores"
          label={t('satisfaction.scores')}
          extra={t('satisfaction.scores.help')}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const scores = parseScores(value ?? '');
                return scores && scores.length <= 100 && scores.every((s) => s <= 100) ? Promise.resolve() : Promise.reject(new Error(t('satisfaction.scoresInvalid')));
              },
            },
          ]}
        >
          <Input.TextArea rows={3} data-testid="satisfaction-scores" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={command.busy} data-testid="satisfaction-submit">
          {t('satisfaction.submit')}
        </Button>
      </Form>
    </PanelBody>
  );
}

/** Issues a questionnaire link; the token is shown once, here, to be copied (only its hash is kept). */
function QuestionnaireForm({ assessmentId, settle }: { assessmentId: string; settle: () => Promise<void> }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<{ expiresAt?: Dayjs; maxResponses?: number }>();
  const command = useCommand(form, { expiresAt: { name: 'expiresAt', label: 'questionnaire.expiresAt' }, maxResponses: { name: 'maxResponses', label: 'questionnaire.maxResponses' } }, t);
  const [link, setLink] = useState<string | null>(null);
  const submit = async (v: { expiresAt?: Dayjs; maxResponses?: number }) => {
    const body = { ...(v.expiresAt ? { expiresAt: v.expiresAt.endOf('day').toISOString() } : {}), ...(v.maxResponses ? { maxResponses: v.maxResponses } : {}) };
    let path = '';
    const sent = await command.run(async () => {
      path = (await api<CommandResult & { path: string }>('POST', `/api/supervision/assessments/${encodeURIComponent(assessmentId)}/questionnaires`, { token, body })).path;
    }, t('questionnaire.issued'));
    if (sent) {
      setLink(`${window.location.origin}${path}`);
      await settle();
    }
  };
  return (
    <PanelBody error={command.error} testId="questionnaire-form">
      {link && (
        <Alert
          type="success"
          showIcon
          data-testid="questionnaire-link"
          title={t('questionnaire.linkTitle')}
          description={
            <Typography.Text copyable={{ text: link }} data-testid="questionnaire-url">
              {link}
            </Typography.Text>
          }
        />
      )}
      <Form form={form} layout="inline" requiredMark={false} onFinish={submit}>
        <Form.Item name="expiresAt" label={t('questionnaire.expiresAt')} extra={t('questionnaire.expiresAt.help')}>
          <DatePicker data-testid="questionnaire-expires" disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(89, 'day'), 'day')} />
        </Form.Item>
        <Form.Item name="maxResponses" label={t('questionnaire.maxResponses')}>
          <InputNumber min={1} max={1000} precision={0} placeholder="200" data-testid="questionnaire-max" />
        </Form.Item>
        <Button htmlType="submit" loading={command.busy} data-testid="questionnaire-submit">
          {t('questionnaire.issue')}
        </Button>
      </Form>
    </PanelBody>
  );
}
