import { Button, Card, Form, Input, Pagination, Select, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Paged } from '../../api/field-types';
import { recentQuarters } from '../../api/quarters';
import type { NoticeView } from '../../api/supervision-types';
import type { CommandResult } from '../../api/types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { useListParams } from '../../components/use-list-params';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { useNames, useOpenedAt, useWhen } from './names';
import { NoticeCard } from './notice-card';

interface PublishValues {
  quarter: string;
  title: string;
  summary: string;
  corrects?: string;
  reason?: string;
}

const FIELDS = {
  title: { name: 'title', label: 'notice.title' },
  summary: { name: 'summary', label: 'notice.summary' },
  corrects: { name: 'corrects', label: 'notice.corrects' },
  reason: { name: 'reason', label: 'notice.reason' },
} as const;

const PAGE_SIZE = 5;

/** 通报: the office publishes a quarter's results (a later notice of the quarter corrects an earlier one); every notice published so far, as the public reads them. */
export default function NoticesPage() {
  const { t } = useI18n();
  const { token, principal } = useSignedIn();
  const names = useNames();
  const when = useWhen();
  const list = useListParams(PAGE_SIZE);
  const notices = useLoad((signal) => api<Paged<NoticeView>>('GET', '/api/public/notices', { token, signal, query: { page: list.page, pageSize: PAGE_SIZE } }), `${token}|${list.page}`);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('notices.title')}
          </Typography.Title>
        }
        extra={<Link to="/public">{t('notices.publicPage')}</Link>}
      >
        {principal.role === 'office' ? <PublishForm onPublished={notices.reload} /> : <Typography.Text type="secondary">{t('notices.readOnly')}</Typography.Text>}
      </Card>
      {notices.error !== null && <ErrorAlert error={notices.error} onRetry={notices.reload} />}
      {notices.data?.items.length === 0 && <Typography.Text type="secondary">{t('notices.empty')}</Typography.Text>}
      {notices.data?.items.map((notice) => <NoticeCard key={notice.publicationId} notice={notice} compound={names.compound} firmLink={(id, name) => <Link to={`/firms/${id}`}>{name}</Link>} when={when} />)}
      {notices.data && notices.data.total > PAGE_SIZE && <Pagination current={list.page} pageSize={PAGE_SIZE} total={notices.data.total} showSizeChanger={false} onChange={(p) => list.setPage(p, PAGE_SIZE)} />}
    </Space>
  );
}

/** Publishes the quarter's results; naming an earlier notice of the quarter makes it a correction, which needs a reason. */
function PublishForm({ onPublished }: { onPublished: () => void }) {
  const { t } = useI18n();
  const openedAt = useOpenedAt();
  const { token } = useSignedIn();
  const [form] = Form.useForm<PublishValues>();
  const command = useCommand(form, FIELDS, t);
  const quarters = recentQuarters(openedAt, 4);
  const quarter = Form.useWatch('quarter', form) ?? quarters[0];
  const corrects = Form.useWatch('corrects', form);
  // The quarter's notices, any of which a correction may name.
  const earlier = useLoad((signal) => api<Paged<NoticeView>>('GET', '/api/public/notices', { token, signal, query: { page: 1, pageSize: 100 } }), `${token}|${quarter}|${command.busy}`);
  const ofQuarter = (earlier.data?.items ?? []).filter((n) => n.quarter === quarter);
  const submit = async ({ quarter: q, corrects: c, reason, ...rest }: PublishValues) => {
    const body = { ...rest, ...(c ? { corrects: c, reason } : {}) };
    if (await command.run(() => api<CommandResult>('POST', `/api/supervision/quarters/${q}/notices`, { token, body }), t('notice.published'))) {
      form.resetFields(['title', 'summary', 'corrects', 'reason']);
      onPublished();
    }
  };
  return (
    <PanelBody error={command.error} testId="publish-form">
      <Form<PublishValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ quarter: quarters[0] }}>
        <Form.Item name="quarter" label={t('quarterly.quarter')} rules={[{ required: true }]}>
          <Select style={{ width: 140 }} data-testid="publish-quarter" options={quarters.map((q) => ({ value: q, label: q }))} />
        </Form.Item>
        <Form.Item name="title" label={t('notice.title')} rules={[{ required: true, whitespace: true, message: t('notice.titleNeeded') }]}>
          <Input maxLength={200} data-testid="publish-title" />
        </Form.Item>
        <Form.Item name="summary" label={t('notice.summary')} rules={[{ required: true, whitespace: true, message: t('notice.summaryNeeded') }]}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="publish-summary" />
        </Form.Item>
        <Form.Item name="corrects" label={t('notice.corrects')} extra={t('notice.corrects.help')}>
          <Select allowClear data-testid="publish-corrects" options={ofQuarter.map((n) => ({ value: n.publicationId, label: `${n.title}（${n.publicationId.slice(0, 8)}）` }))} />
        </Form.Item>
        {corrects && (
          <Form.Item name="reason" label={t('notice.reason')} rules={[{ required: true, whitespace: true, message: t('notice.reasonNeeded') }]}>
            <Input maxLength={1000} data-testid="publish-reason" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={command.busy} data-testid="publish-submit">
          {t(corrects ? 'notice.publishCorrection' : 'notice.publish')}
        </Button>
      </Form>
    </PanelBody>
  );
}
