import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { api } from '../../api/client';
import { ASSESSMENT_DIMENSIONS, SCORING_METHODS, type AssessmentDimension, type ScoringMethod } from '../../api/supervision-types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { useWhen } from './names';
import type { AssessmentPartProps } from './use-assessment';

interface ScoreValues {
  dimension: AssessmentDimension;
  score: number;
  method: ScoringMethod;
  note: string;
}

const FIELDS = {
  dimension: { name: 'dimension', label: 'assessment.dimension' },
  score: { name: 'score', label: 'assessment.score' },
  method: { name: 'method', label: 'assessment.method' },
  note: { name: 'note', label: 'assessment.note' },
} as const;

/** The eight dimensions' scores (0–100) with how each was scored; a later score of a dimension replaces the earlier (both stay recorded). */
export function AssessmentScores({ assessment, settle, mayAct }: AssessmentPartProps) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const when = useWhen();
  const [form] = Form.useForm<ScoreValues>();
  const command = useCommand(form, FIELDS, t);
  const open = mayAct && assessment.status === 'open';
  // A row's button picks its dimension in the form below and puts the cursor on the score.
  const scoreRow = (dimension: AssessmentDimension) => {
    form.setFieldValue('dimension', dimension);
    (form.getFieldInstance('score') as { focus?: () => void } | undefined)?.focus?.();
  };
  const submit = async (values: ScoreValues) => {
    if (await command.run(() => api('POST', `/api/supervision/assessments/${encodeURIComponent(assessment.id)}/scores`, { token, body: values }), t('assessment.scored'))) {
      form.resetFields(['score', 'note']);
      await settle();
    }
  };
  const rows = ASSESSMENT_DIMENSIONS.map((dimension) => ({ dimension, scored: assessment.dimensions[dimension] }));
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('assessment.scores')}</Typography.Title>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Table
          data-testid="assessment-scores"
          rowKey="dimension"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('assessment.dimension'), key: 'dimension', render: (_, r) => t(`dimension.${r.dimension}`) },
            { title: t('assessment.score'), key: 'score', render: (_, r) => <span data-testid={`dimension-score-${r.dimension}`}>{r.scored ? r.scored.score : '—'}</span> },
            { title: t('assessment.method'), key: 'method', render: (_, r) => (r.scored ? t(`method.${r.scored.method}`) : '—') },
            { title: t('assessment.note'), key: 'note', render: (_, r) => r.scored?.note ?? '—' },
            { title: t('assessment.scoredAt'), key: 'at', render: (_, r) => (r.scored ? when(r.scored.scoredAt) : '—'), responsive: ['md'] },
            ...(open
              ? [
                  {
                    title: t('finding.action'),
                    key: 'action',
                    render: (_: unknown, r: (typeof rows)[number]) => {
                      const action = t(r.scored ? 'assessment.rescore' : 'assessment.scoreRow');
                      return (
                        <Button size="small" onClick={() => scoreRow(r.dimension)} aria-label={t('assessment.scoreRowLabel', { action, dimension: t(`dimension.${r.dimension}`) })} data-testid={`score-row-${r.dimension}`}>
                          {action}
                        </Button>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
        {open && (
          <PanelBody error={command.error} testId="score-form">
            <Form<ScoreValues> form={form} layout="inline" requiredMark={false} onFinish={submit} initialValues={{ method: 'onsite_inspection' }}>
              <Form.Item name="dimension" label={t('assessment.dimension')} rules={[{ required: true, message: t('assessment.dimensionNeeded') }]}>
                <Select style={{ width: 180 }} data-testid="score-dimension" options={ASSESSMENT_DIMENSIONS.map((d) => ({ value: d, label: t(`dimension.${d}`) }))} />
              </Form.Item>
              <Form.Item name="score" label={t('assessment.score')} rules={[{ required: true, type: 'integer', min: 0, max: 100, message: t('assessment.scoreRange') }]}>
                <InputNumber min={0} max={100} precision={0} data-testid="score-value" />
              </Form.Item>
              <Form.Item name="method" label={t('assessment.method')} rules={[{ required: true }]}>
                <Select style={{ width: 140 }} data-testid="score-method" options={SCORING_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('assessment.note')} rules={[{ required: true, whitespace: true, message: t('assessment.noteNeeded') }]}>
                <Input maxLength={2000} data-testid="score-note" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={command.busy} data-testid="score-submit">
                {t('assessment.scoreSubmit')}
              </Button>
            </Form>
          </PanelBody>
        )}
      </Space>
    </Card>
  );
}
