import { Button, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { api } from '../../api/client';
import { nextQuarter, quarterOf } from '../../api/quarters';
import { ASSESSMENT_DIMENSIONS, type Weighting, type Weightings } from '../../api/supervision-types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.zh-CN';
import { useSignedIn } from '../../session/session';
import { useOpenedAt } from './names';
import { PanelBody } from '../station/panel';

type WeightingValues = Weighting & { effectiveFrom: string; reason: string };

const FIELDS = {
  effectiveFrom: { name: 'effectiveFrom', label: 'weighting.effectiveFrom' },
  reason: { name: 'reason', label: 'weighting.reason' },
} as const;

const UNIT_PARTS = ['responseRate', 'resolutionRate', 'satisfactionRate', 'stationRating'] as const;
const STATION_PARTS = ['responseRate', 'resolutionRate', 'satisfactionRate', 'whistleRating'] as const;

/** The sum of some weights, for the form to show beside them (they must make 1). */
const sum = (values: readonly (number | null | undefined)[]) => Math.round(values.reduce<number>((total, v) => total + (v ?? 0), 0) * 10_000) / 10_000;

/** A new weighting from a quarter not before this one (the office's; earlier quarters keep theirs), prefilled with the one in force. */
export function WeightingForm({ current, onSet }: { current: Weightings['current']; onSet: () => void }) {
  const { t } = useI18n();
  const openedAt = useOpenedAt();
  const { token } = useSignedIn();
  const [form] = Form.useForm<WeightingValues>();
  const command = useCommand(form, FIELDS, t);
  const values = Form.useWatch([], form) as Partial<WeightingValues> | undefined;
  const thisQuarter = quarterOf(openedAt);
  const quarters = [thisQuarter, nextQuarter(thisQuarter), nextQuarter(nextQuarter(thisQuarter))];
  const submit = async (v: WeightingValues) => {
    const body = { effectiveFrom: v.effectiveFrom, unit: v.unit, station: v.station, assessment: v.assessment, lists: v.lists, reason: v.reason };
    if (await command.run(() => api('POST', '/api/supervision/weighting', { token, body }), t('weighting.saved'))) {
      form.resetFields(['reason']);
      onSet();
    }
  };
  const weight = (path: readonly (string | number)[], label: string, max = 1, step = 0.05) => (
    <Col xs={12} md={6} key={path.join('.')}>
      <Form.Item name={[...path]} label={label} rules={[{ required: true, message: t('weighting.valueNeeded') }]}>
        <InputNumber min={0} max={max} step={step} style={{ width: '100%' }} data-testid={`weight-${path.join('-')}`} />
      </Form.Item>
    </Col>
  );
  const total = (key: MessageKey, value: number) => (
    <Typography.Paragraph type={Math.abs(value - 1) < 1e-9 ? 'secondary' : 'danger'}>{t(key, { sum: value })}</Typography.Paragraph>
  );
  const { unit, station, assessment, lists } = current;
  return (
    <PanelBody error={command.error} testId="weighting-form">
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('weighting.set')}
      </Typography.Title>
      <Form<WeightingValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ effectiveFrom: thisQuarter, unit, station, assessment, lists }}>
        <Form.Item name="effectiveFrom" label={t('weighting.effectiveFrom')} rules={[{ required: true }]}>
          <Select style={{ width: 160 }} data-testid="weighting-effective-from" options={quarters.map((q) => ({ value: q, label: q }))} />
        </Form.Item>
        <Typography.Title level={4} style={{ fontSize: 14 }}>
          {t('weighting.unitParts')}
        </Typography.Title>
        <Row gutter={12}>
          {UNIT_PARTS.map((part) => weight(['unit', part], t(`weighting.unit.${part}`)))}
          {weight(['unit', 'overduePenalty'], t('weighting.unit.overduePenalty'), 100, 1)}
          {weight(['unit', 'escalationPenalty'], t('weighting.unit.escalationPenalty'), 100, 1)}
        </Row>
        {total('weighting.sum', sum(UNIT_PARTS.map((p) => values?.unit?.[p])))}
        <Typography.Title level={4} style={{ fontSize: 14 }}>
          {t('weighting.stationParts')}
        </Typography.Title>
        <Row gutter={12}>
          {STATION_PARTS.map((part) => weight(['station', part], t(`weighting.station.${part}`)))}
          {weight(['station', 'overduePenalty'], t('weighting.station.overduePenalty'), 100, 1)}
        </Row>
        {total('weighting.sum', sum(STATION_PARTS.map((p) => values?.station?.[p])))}
        <Typography.Title level={4} style={{ fontSize: 14 }}>
          {t('weighting.assessmentParts')}
        </Typography.Title>
        <Row gutter={12}>
          {ASSESSMENT_DIMENSIONS.map((d) => weight(['assessment', 'dimensions', d], t(`dimension.${d}`), 1, 0.01))}
          {weight(['assessment', 'satisfaction'], t('weighting.assessment.satisfaction'), 1, 0.01)}
          {weight(['assessment', 'minimumResponses'], t('weighting.assessment.minimumResponses'), 1000, 1)}
        </Row>
        {total('weighting.sum', sum([...ASSESSMENT_DIMENSIONS.map((d) => values?.assessment?.dimensions?.[d]), values?.assessment?.satisfaction]))}
        <Typography.Title level={4} style={{ fontSize: 14 }}>
          {t('weighting.listsShort')}
        </Typography.Title>
        <Row gutter={12}>
          {weight(['lists', 'redMinimum'], t('weighting.lists.redMinimum'), 100, 1)}
          {weight(['lists', 'blackBelow'], t('weighting.lists.blackBelow'), 100, 1)}
          {weight(['lists', 'blackOverdueFindings'], t('weighting.lists.blackOverdueFindings'), 100, 1)}
        </Row>
        <Form.Item name="reason" label={t('weighting.reason')} rules={[{ required: true, whitespace: true, message: t('weighting.reasonNeeded') }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="weighting-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={command.busy} data-testid="weighting-submit">
          {t('weighting.submit')}
        </Button>
      </Form>
    </PanelBody>
  );
}
