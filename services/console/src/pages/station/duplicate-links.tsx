import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Paged, TriageListItem } from '../../api/field-types';
import type { CaseStatus } from '../../api/types';
import { useLoad } from '../../api/use-load';
import { StatusTag } from '../../components/case-tags';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody, type PanelProps } from './panel';

/** Statuses of a case that is no longer handled: it can neither be linked or merged, nor be the primary. */
const ENDED: readonly CaseStatus[] = ['closed', 'withdrawn', 'rejected', 'duplicate', 'merged', 'referred_upward'];

type Kind = 'link' | 'merge';
interface Values {
  readonly target: string;
  readonly reason: string;
}

const FIELDS = {
  duplicateOf: { name: 'target', label: 'links.target' },
  into: { name: 'target', label: 'links.survivor' },
  reason: { name: 'reason', label: 'links.reason' },
} as const;

/**
 * 重复上报与合并: the case's primary (or the case it was merged into), the cases linked or merged
 * into it, and for the station and the office, while the case is handled, linking it by hand as a
 * duplicate of another case of its compound or merging it into one, each with a reason. Undoing a
 * link is the duplicate panel's (DuplicatePanel).
 */
export function DuplicateLinks({ view, settle, acting }: PanelProps & { readonly acting: boolean }) {
  const { t, nameOf, locale } = useI18n();
  const { token } = useSignedIn();
  const [kind, setKind] = useState<Kind | null>(null);
  const [form] = Form.useForm<Values>();
  const command = useCommand(form, FIELDS, t);
  // Only an open case may be linked or merged: a resolved one keeps its work (intake refuses it, case.resolved).
  const handled = !ENDED.includes(view.status) && view.status !== 'reported' && view.status !== 'resolved';
  const related = useLoad(async (signal) => {
    const [linked, compound] = await Promise.all([
      api<Paged<TriageListItem>>('GET', '/api/query/cases', { token, signal, query: { duplicateOf: view.id, pageSize: 50 } }),
      acting && handled && view.compoundId
        ? api<Paged<TriageListItem>>('GET', '/api/query/cases', { token, signal, query: { compoundId: view.compoundId, pageSize: 50 } })
        : Promise.resolve(null),
    ]);
    return { linked: linked.items, candidates: (compound?.items ?? []).filter((c) => c.id !== view.id && !ENDED.includes(c.status)) };
  }, `${view.id}|${view.status}|${view.compoundId}|${acting}|${token}`);
  const linked = related.data?.linked ?? [];
  const candidates = related.data?.candidates ?? [];
  if (!view.duplicateOf && linked.length === 0 && !(acting && handled)) return null;

  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const submit = async ({ target, reason }: Values) => {
    const body = kind === 'merge' ? { into: target, reason } : { duplicateOf: target, reason };
    const path = `/api/intake/cases/${view.id}/${kind === 'merge' ? 'merge' : 'duplicate-of'}`;
    if (await command.run(() => api('POST', path, { token, body }), t(kind === 'merge' ? 'links.mergedDone' : 'links.linked'))) {
      setKind(null);
      await settle((next) => next.status === (kind === 'merge' ? 'merged' : 'duplicate'));
    }
  };

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('links.title')}</Typography.Title>} data-testid="duplicate-links">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {related.error !== null && <ErrorAlert error={related.error} onRetry={related.reload} />}
        {view.duplicateOf && (
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label={t(view.status === 'merged' ? 'links.mergedInto' : 'links.primary')}>
              <Link to={`/cases/${view.duplicateOf}`} data-testid="duplicate-links-primary">
                {view.duplicateOf}
              </Link>
            </Descriptions.Item>
          </Descriptions>
        )}
        {linked.length > 0 && (
          <Table
            data-testid="duplicate-links-linked"
            title={() => t('links.linkedHere')}
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={[...linked]}
            columns={[
              { title: t('queue.col.reportedAt'), key: 'at', render: (_, row) => format.format(new Date(row.reportedAt)) },
              { title: t('queue.col.category'), key: 'category', render: (_, row) => nameOf(row.categoryName, row.category) },
              { title: t('queue.col.status'), key: 'status', render: (_, row) => <StatusTag status={row.status} /> },
              { title: t('queue.col.open'), key: 'open', render: (_, row) => <Link to={`/cases/${row.id}`}>{row.id.slice(0, 8)}</Link> },
            ]}
          />
        )}
        {acting && handled && (
          <Space wrap>
            <Button onClick={() => setKind('link')} data-testid="duplicate-links-link">
              {t('links.link')}
            </Button>
            <Button onClick={() => setKind('merge')} data-testid="duplicate-links-merge">
              {t('links.merge')}
            </Button>
          </Space>
        )}
      </Space>
      <Modal open={kind !== null} title={t(kind === 'merge' ? 'links.merge' : 'links.link')} footer={null} onCancel={() => setKind(null)} destroyOnHidden>
        <PanelBody error={command.error} testId="duplicate-links-form">
          <Typography.Paragraph>{t(kind === 'merge' ? 'links.mergeExplain' : 'links.linkExplain')}</Typography.Paragraph>
          <Form name="duplicate-links" form={form} layout="vertical" onFinish={submit} requiredMark={false} preserve={false}>
            <Form.Item name="target" label={t(kind === 'merge' ? 'links.survivor' : 'links.target')} rules={[{ required: true, message: t('links.targetNeeded') }]}>
              <Select
                data-testid="duplicate-links-target"
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent={t('links.noCandidates')}
                options={candidates.map((c) => ({
                  value: c.id,
                  label: `${nameOf(c.categoryName, c.category)} · ${format.format(new Date(c.reportedAt))} · ${c.id.slice(0, 8)}`,
                }))}
              />
            </Form.Item>
            <Form.Item name="reason" label={t('links.reason')} rules={[{ required: true, whitespace: true, message: t('links.reasonNeeded') }]}>
              <Input.TextArea rows={2} maxLength={1000} data-testid="duplicate-links-reason" />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={command.busy} data-testid="duplicate-links-submit">
              {t(kind === 'merge' ? 'links.merge' : 'links.link')}
            </Button>
          </Form>
        </PanelBody>
      </Modal>
    </Card>
  );
}
