import { Button, Card, Pagination, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Paged } from '../../api/field-types';
import type { NoticeView, PublicCredit } from '../../api/supervision-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { CreditTable } from './credit-table';
import { NoticeCard } from './notice-card';
import { PublicFrame } from './public-frame';

const PAGE_SIZE = 5;

/**
 * 公示: the published notices with their red and black lists and each one's content hash, and a
 * listed firm's credit record, for anyone, without signing in (the public API, no token).
 */
export default function PublicPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const firmId = params.get('firm');
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (at: string) => format.format(new Date(at));
  const notices = useLoad((signal) => api<Paged<NoticeView>>('GET', '/api/public/notices', { signal, query: { page, pageSize: PAGE_SIZE } }), String(page));
  const credit = useLoad((signal) => (firmId ? api<PublicCredit>('GET', `/api/public/firms/${encodeURIComponent(firmId)}/credit`, { signal }) : Promise.resolve(null)), firmId ?? '');
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    setParams(next);
  };
  const firmLink = (id: string, name: string) => (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => go({ firm: id })} data-testid={`credit-open-${id}`} aria-label={t('public.creditOf', { name })}>
      {name}
    </Button>
  );
  return (
    <PublicFrame>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('public.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('public.explain')}
        </Typography.Paragraph>
        {firmId && (
          <Card
            data-testid="public-credit"
            title={
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {t('public.creditTitle', { name: credit.data?.name ?? '' })}
              </Typography.Title>
            }
            extra={<Button onClick={() => go({ firm: null })}>{t('common.close')}</Button>}
          >
            {credit.error !== null && <ErrorAlert error={credit.error} onRetry={credit.reload} />}
            {credit.data && <CreditTable entries={credit.data.entries} compound={(id) => id} when={when} />}
          </Card>
        )}
        {notices.error !== null && <ErrorAlert error={notices.error} onRetry={notices.reload} />}
        {notices.data?.items.length === 0 && <Typography.Text type="secondary">{t('notices.empty')}</Typography.Text>}
        {notices.data?.items.map((notice) => <NoticeCard key={notice.publicationId} notice={notice} compound={(id) => id} firmLink={firmLink} when={when} />)}
        {notices.data && notices.data.total > PAGE_SIZE && <Pagination current={page} pageSize={PAGE_SIZE} total={notices.data.total} showSizeChanger={false} onChange={(p) => go({ page: String(p) })} />}
      </Space>
    </PublicFrame>
  );
}
