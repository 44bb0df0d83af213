import type { ReactNode } from 'react';
import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ListedFirm, NoticeView, PublishedResult } from '../../api/supervision-types';
import { useI18n } from '../../i18n/i18n';

/**
 * A published notice (通报) as everyone reads it: its results, the red and black lists, and the
 * content's hash, with the notice it corrects or the corrections made to it. `firmLink` makes a
 * listed firm's name lead to its credit record; `compound` names a compound (the public page, with
 * no catalogue, shows its id).
 */
export function NoticeCard({ notice, compound, firmLink, when }: { notice: NoticeView; compound: (id: string) => string; firmLink?: (firmId: string, name: string) => ReactNode; when: (at: string) => string }) {
  const { t } = useI18n();
  const firm = (id: string, name: string) => (firmLink ? firmLink(id, name) : name);
  const listColumns = [
    { title: t('notice.firm'), key: 'firm', render: (_: unknown, f: ListedFirm) => firm(f.firmId, f.firmName) },
    { title: t('credit.averageTotal'), key: 'average', render: (_: unknown, f: ListedFirm) => f.averageTotal.toFixed(2) },
    { title: t('credit.reason'), dataIndex: 'reason' },
  ];
  return (
    <Card
      data-testid={`notice-${notice.publicationId}`}
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>
          {notice.title}
        </Typography.Title>
      }
      extra={
        <Space size={4} wrap>
          <Tag>{notice.quarter}</Tag>
          <Tag color={notice.kind === 'correction' ? '#ad4e00' : '#0958d9'}>{t(`notice.kind.${notice.kind}`)}</Tag>
          {notice.correctedBy.length > 0 && <Tag color="#a8071a">{t('notice.corrected')}</Tag>}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{notice.summary}</Typography.Paragraph>
        <Descriptions size="small" bordered column={1}>
          <Descriptions.Item label={t('notice.publishedAt')}>{when(notice.publishedAt)}</Descriptions.Item>
          {notice.corrects && (
            <Descriptions.Item label={t('notice.corrects')}>
              {notice.corrects}
              {notice.reason ? ` · ${t('notice.reasonText', { reason: notice.reason })}` : ''}
            </Descriptions.Item>
          )}
          {notice.correctedBy.length > 0 && <Descriptions.Item label={t('notice.correctedBy')}>{notice.correctedBy.join('、')}</Descriptions.Item>}
          <Descriptions.Item label={t('notice.contentSha256')}>
            <Typography.Text code copyable data-testid="notice-hash" style={{ wordBreak: 'break-all' }}>
              {notice.contentSha256}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('notice.publicationId')}>{notice.publicationId}</Descriptions.Item>
        </Descriptions>
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
          {t('notice.redList')}
        </Typography.Title>
        <Table<ListedFirm> data-testid="red-list" rowKey="firmId" size="small" pagination={false} dataSource={[...notice.redList]} columns={listColumns} locale={{ emptyText: t('notice.listEmpty') }} />
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
          {t('notice.blackList')}
        </Typography.Title>
        <Table<ListedFirm> data-testid="black-list" rowKey="firmId" size="small" pagination={false} dataSource={[...notice.blackList]} columns={listColumns} locale={{ emptyText: t('notice.listEmpty') }} />
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
          {t('notice.results')}
        </Typography.Title>
        <Table<PublishedResult>
          data-testid="notice-results"
          rowKey="assessmentId"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[...notice.results]}
          columns={[
            { title: t('notice.firm'), key: 'firm', render: (_, r) => firm(r.firmId, r.firmName) },
            { title: t('assessment.compound'), key: 'compound', render: (_, r) => compound(r.compoundId) },
            { title: t('assessment.total'), key: 'total', render: (_, r) => r.total.toFixed(2) },
            { title: t('assessment.grade'), key: 'grade', render: (_, r) => t(`grade.${r.grade}`) },
            { title: t('satisfaction.average'), key: 'satisfaction', render: (_, r) => `${r.satisfaction.average.toFixed(2)}（${t('notice.responses', { count: r.satisfaction.responses })}）` },
            { title: t('notice.openFindings'), dataIndex: 'openFindings' },
          ]}
        />
      </Space>
    </Card>
  );
}
