import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { FieldCase, Paged, TriageListItem } from '../../api/field-types';
import type { CaseStatus } from '../../api/types';
import { useLoad } from '../../api/use-load';
import { StatusTag } from '../../components/case-tags';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';

const FINAL: readonly CaseStatus[] = ['closed', 'withdrawn', 'rejected', 'duplicate', 'merged', 'referred_upward'];

/**
 * At triage, beside the case: the reports intake linked to it as probable duplicates, and the
 * compound's other open cases, which may be the same problem under another category.
 */
export function RelatedReports({ view }: { view: FieldCase }) {
  const { t, nameOf, locale } = useI18n();
  const { token } = useSignedIn();
  const related = useLoad(async (signal) => {
    const [linked, compound] = await Promise.all([
      api<Paged<TriageListItem>>('GET', '/api/query/cases', { token, signal, query: { duplicateOf: view.id, pageSize: 20 } }),
      api<Paged<TriageListItem>>('GET', '/api/query/cases', { token, signal, query: { compoundId: view.compoundId, pageSize: 20 } }),
    ]);
    const open = compound.items.filter((c) => c.id !== view.id && !FINAL.includes(c.status));
    return [...linked.items.map((c) => ({ ...c, relation: 'linked' as const })), ...open.map((c) => ({ ...c, relation: 'sameCompound' as const }))];
  }, `${view.id}|${view.compoundId}|${token}`);
  const rows = related.data ?? [];
  if (related.error === null && rows.length === 0) return null;
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('related.title')}</Typography.Title>}>
      {related.error !== null && <ErrorAlert error={related.error} onRetry={related.reload} />}
      <Table
        data-testid="related-reports"
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { title: t('related.relation'), key: 'relation', render: (_, row) => t(`related.${row.relation}`) },
          { title: t('queue.col.reportedAt'), key: 'at', render: (_, row) => format.format(new Date(row.reportedAt)) },
          { title: t('queue.col.category'), key: 'category', render: (_, row) => nameOf(row.categoryName, row.category) },
          { title: t('queue.col.status'), key: 'status', render: (_, row) => <StatusTag status={row.status} /> },
          { title: t('queue.col.open'), key: 'open', render: (_, row) => <Link to={`/cases/${row.id}`} aria-label={`${t('queue.open')} ${row.id.slice(0, 8)}`}>{t('queue.open')}</Link> },
        ]}
      />
    </Card>
  );
}
