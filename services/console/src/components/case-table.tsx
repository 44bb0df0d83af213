import type { ReactNode } from 'react';
import { Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { CaseListItem, CaseStatus, Level } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { LevelTag, StatusTag } from './case-tags';
import { PAGE_SIZES, type ListParams } from './use-list-params';


/** Where a row leads (the case, its audit), each a link named with the case for screen readers. */
export interface CaseLink {
  readonly to: string;
  readonly label: string;
}

export interface CaseTableProps<Row extends CaseListItem> {
  readonly testId: string;
  /** the page's rows, as the server sent them */
  readonly rows: readonly Row[];
  readonly total: number;
  readonly loading: boolean;
  readonly list: Pick<ListParams, 'page' | 'pageSize' | 'setPage'>;
  readonly totalText: (total: number) => string;
  readonly links: (row: Row) => readonly CaseLink[];
  /** shown after the category's name (a duplicate's mark) */
  readonly categoryNote?: (row: Row) => ReactNode;
  /** the page's own columns, between the status and the links */
  readonly extraColumns?: ColumnsType<Row>;
}

/** A page of cases from the server: when, where, what, level and status, the page's own columns, and where each leads. */
export function CaseTable<Row extends CaseListItem>({ testId, rows, total, loading, list, totalText, links, categoryNote, extraColumns = [] }: CaseTableProps<Row>) {
  const { t, nameOf, locale } = useI18n();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const columns: ColumnsType<Row> = [
    { title: t('queue.col.reportedAt'), dataIndex: 'reportedAt', render: (at: string) => when.format(new Date(at)), responsive: ['md'] },
    { title: t('queue.col.compound'), key: 'compound', render: (_, row) => nameOf(row.compoundName, row.compoundId) },
    {
      title: t('queue.col.category'),
      key: 'category',
      render: (_, row) => (
        <>
          {nameOf(row.categoryName, row.category)}
          {categoryNote?.(row)}
        </>
      ),
    },
    { title: t('queue.col.level'), dataIndex: 'level', render: (level: Level | null) => <LevelTag level={level} />, responsive: ['sm'] },
    { title: t('queue.col.status'), dataIndex: 'status', render: (status: CaseStatus) => <StatusTag status={status} /> },
    ...extraColumns,
    {
      title: t('queue.col.open'),
      key: 'open',
      render: (_, row) => (
        <Space>
          {links(row).map((link) => (
            <Link key={link.to} to={link.to} aria-label={`${link.label} ${nameOf(row.categoryName, row.category)} ${row.id.slice(0, 8)}`}>
              {link.label}
            </Link>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <Table<Row>
      data-testid={testId}
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={[...rows]}
      locale={{ emptyText: t('queue.empty') }}
      scroll={{ x: 'max-content' }}
      pagination={{ current: list.page, pageSize: list.pageSize, total, pageSizeOptions: PAGE_SIZES, showSizeChanger: true, showTotal: totalText, onChange: list.setPage }}
    />
  );
}
