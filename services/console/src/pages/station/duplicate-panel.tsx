import { Button, Card, Col, Form, Input, Row, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { FieldCase } from '../../api/field-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody, type PanelProps } from './panel';
import { ReportFacts } from './report-facts';

const FIELDS = { reason: { name: 'reason', label: 'duplicate.reason' } } as const;

/**
 * 疑似重复: intake linked this report to an open case of the same compound and category. The two
 * side by side; the station leaves the link, or overrules it with a reason and the report is
 * routed as a case of its own.
 */
export function DuplicatePanel({ view, settle }: PanelProps) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<{ reason: string }>();
  const command = useCommand(form, FIELDS, t);
  const originalId = view.duplicateOf ?? '';
  const original = useLoad((signal) => api<FieldCase>('GET', `/api/query/cases/${originalId}`, { token, signal }), `${originalId}|${token}`);

  const submit = async (values: { reason: string }) => {
    if (await command.run(() => api('POST', `/api/intake/cases/${view.id}/not-duplicate`, { token, body: values }), t('duplicate.done'))) {
      await settle((next) => next.status !== 'duplicate' && next.status !== 'reported');
    }
  };

  const heading = (text: string) => (
    <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
      {text}
    </Typography.Title>
  );
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('duplicate.title')}</Typography.Title>}>
      <PanelBody error={command.error} testId="duplicate-panel">
        <Typography.Paragraph>{t('duplicate.explain')}</Typography.Paragraph>
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12}>
            <Card size="small" title={heading(t('duplicate.thisReport'))}>
              <ReportFacts view={view} testId="duplicate-this" />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={heading(t('duplicate.original'))} extra={<Link to={`/cases/${originalId}`}>{t('queue.open')}</Link>}>
              {original.data ? <ReportFacts view={original.data} testId="duplicate-original" /> : original.error !== null ? <ErrorAlert error={original.error} onRetry={original.reload} /> : <Spin />}
            </Card>
          </Col>
        </Row>
        <Form name="not-duplicate" form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="reason" label={t('duplicate.reason')} rules={[{ required: true, whitespace: true, message: t('duplicate.reasonNeeded') }]}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="duplicate-reason" />
          </Form.Item>
          <Button htmlType="submit" loading={command.busy}>
            {t('duplicate.overrule')}
          </Button>
        </Form>
      </PanelBody>
    </Card>
  );
}
