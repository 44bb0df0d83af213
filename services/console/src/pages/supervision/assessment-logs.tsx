import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.zh-CN';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { useWhen } from './names';
import type { AssessmentPartProps } from './use-assessment';

interface LogValues {
  at: Dayjs;
  count: number;
  note: string;
}

/** One kind of log: 物业开放日 (attendance) or 入户走访 (households). */
interface LogKind {
  readonly path: 'open-days' | 'visits';
  readonly at: 'heldAt' | 'visitedAt';
  readonly count: 'attendance' | 'households';
  readonly title: MessageKey;
  readonly atLabel: MessageKey;
  readonly countLabel: MessageKey;
  readonly min: number;
}

const OPEN_DAY: LogKind = { path: 'open-days', at: 'heldAt', count: 'attendance', title: 'log.openDays', atLabel: 'log.heldAt', countLabel: 'log.attendance', min: 0 };
const VISIT: LogKind = { path: 'visits', at: 'visitedAt', count: 'households', title: 'log.visits', atLabel: 'log.visitedAt', countLabel: 'log.households', min: 1 };

/** The open days the firm held and the door-to-door visits made in the compound this quarter. */
export function AssessmentLogs({ assessment, settle, mayAct }: AssessmentPartProps) {
  const { t } = useI18n();
  const when = useWhen();
  const kinds = [
    { kind: OPEN_DAY, rows: assessment.openDays.map((d) => ({ logId: d.logId, at: d.heldAt, count: d.attendance, note: d.note })) },
    { kind: VISIT, rows: assessment.visits.map((v) => ({ logId: v.logId, at: v.visitedAt, count: v.households, note: v.note })) },
  ];
  return (
    <Row gutter={[16, 16]}>
      {kinds.map(({ kind, rows }) => (
        <Col xs={24} xl={12} key={kind.path}>
          <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t(kind.title)}</Typography.Title>}>
            <Table
              data-testid={`log-${kind.path}`}
              rowKey="logId"
              size="small"
              pagination={false}
              dataSource={rows}
              locale={{ emptyText: t('log.none') }}
              columns={[
                { title: t(kind.atLabel), key: 'at', render: (_, r: (typeof rows)[number]) => when(r.at) },
                { title: t(kind.countLabel), dataIndex: 'count' },
                { title: t('assessment.note'), dataIndex: 'note' },
              ]}
            />
            {mayAct && assessment.status === 'open' && <LogForm kind={kind} assessmentId={assessment.id} settle={settle} />}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function LogForm({ kind, assessmentId, settle }: { kind: LogKind; assessmentId: string; settle: () => Promise<void> }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<LogValues>();
  const command = useCommand(form, { [kind.at]: { name: 'at', label: kind.atLabel }, [kind.count]: { name: 'count', label: kind.countLabel }, note: { name: 'note', label: 'assessment.note' } }, t);
  const submit = async (v: LogValues) => {
    const body = { [kind.at]: v.at.toISOString(), [kind.count]: v.count, note: v.note };
    if (await command.run(() => api('POST', `/api/supervision/assessments/${encodeURIComponent(assessmentId)}/${kind.path}`, { token, body }), t('log.recorded'))) {
      form.resetFields();
      await settle();
    }
  };
  return (
    <PanelBody error={command.error} testId={`log-form-${kind.path}`}>
      <Form<LogValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} style={{ marginTop: 12 }}>
        <Form.Item name="at" label={t(kind.atLabel)} rules={[{ required: true, message: t('log.atNeeded') }]}>
          <DatePicker showTime disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid={`log-at-${kind.path}`} />
        </Form.Item>
        <Form.Item name="count" label={t(kind.countLabel)} rules={[{ required: true, type: 'integer', min: kind.min, message: t('log.countNeeded', { min: kind.min }) }]}>
          <InputNumber min={kind.min} precision={0} data-testid={`log-count-${kind.path}`} />
        </Form.Item>
        <Form.Item name="note" label={t('assessment.note')} rules={[{ required: true, whitespace: true, message: t('assessment.noteNeeded') }]}>
          <Input maxLength={2000} data-testid={`log-note-${kind.path}`} />
        </Form.Item>
        <Button htmlType="submit" loading={command.busy} data-testid={`log-submit-${kind.path}`}>
          {t('log.submit')}
        </Button>
      </Form>
    </PanelBody>
  );
}
