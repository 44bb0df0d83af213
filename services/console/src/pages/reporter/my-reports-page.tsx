import { Button, Card, Empty, Pagination, Space, Spin, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Paged, TriageListItem } from '../../api/field-types';
import { useLoad } from '../../api/use-load';
import { LevelTag, StatusTag } from '../../components/case-tags';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';

const PAGE_SIZE = 10;

/** 我的上报: the reports of the branch's compound, the newest first, each with where it stands; paged by the server. */
export function MyReportsPage() {
  const { t, nameOf, locale } = useI18n();
  const { token } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const reports = useLoad((signal) => api<Paged<TriageListItem>>('GET', '/api/query/cases', { token, signal, query: { page, pageSize: PAGE_SIZE } }), `${token}|${page}`);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 820 }}>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('mine.title')}
          </Typography.Title>
        }
        extra={
          <Space>
            <Link to="/report">{t('mine.report')}</Link>
            <Button onClick={reports.reload}>{t('common.refresh')}</Button>
          </Space>
        }
      >
        <Typography.Text type="secondary">{t('mine.explain')}</Typography.Text>
      </Card>
      {reports.error !== null && <ErrorAlert error={reports.error} onRetry={reports.reload} />}
      {reports.loading && !reports.data && <Spin />}
      {reports.data && reports.data.items.length === 0 && <Empty description={t('mine.empty')} />}
      {reports.data?.items.map((c) => (
        <Card key={c.id} size="small" data-testid="my-report" data-case-id={c.id}>
          <Typography.Title level={2} style={{ fontSize: 16, margin: '0 0 8px' }}>
            {nameOf(c.categoryName, c.category)}
          </Typography.Title>
          <Space wrap>
            <StatusTag status={c.status} />
            {c.level !== null && <LevelTag level={c.level} />}
            <Typography.Text type="secondary">{format.format(new Date(c.reportedAt))}</Typography.Text>
            <Link to={`/cases/${c.id}`} aria-label={`${t('queue.open')} ${nameOf(c.categoryName, c.category)} ${c.id.slice(0, 8)}`}>
              {t('queue.open')}
            </Link>
          </Space>
        </Card>
      ))}
      {reports.data && reports.data.total > PAGE_SIZE && (
        <Pagination current={page} pageSize={PAGE_SIZE} total={reports.data.total} showSizeChanger={false} onChange={(p) => setParams({ page: String(p) })} />
      )}
    </Space>
  );
}
