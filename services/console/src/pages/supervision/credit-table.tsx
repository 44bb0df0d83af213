import { Table, Tag } from 'antd';
import type { CreditEntry } from '../../api/supervision-types';
import { useI18n } from '../../i18n/i18n';

/** A firm's credit record (信用记录): each published notice's average, list and grades, oldest first; its cells wrap rather than scroll, so no part of it is out of a keyboard's reach. */
export function CreditTable({ entries, compound, when }: { entries: readonly CreditEntry[]; compound: (id: string) => string; when: (at: string) => string }) {
  const { t } = useI18n();
  return (
    <Table<CreditEntry>
      data-testid="credit-table"
      rowKey="publicationId"
      size="small"
      pagination={false}
      dataSource={[...entries]}
      locale={{ emptyText: t('credit.empty') }}
      columns={[
        { title: t('notice.quarter'), dataIndex: 'quarter' },
        { title: t('notice.kind'), key: 'kind', render: (_, e) => t(`notice.kind.${e.kind}`) },
        { title: t('credit.averageTotal'), key: 'average', render: (_, e) => e.averageTotal.toFixed(2) },
        { title: t('credit.list'), key: 'list', render: (_, e) => <ListTag list={e.list} /> },
        { title: t('credit.reason'), key: 'reason', render: (_, e) => e.reason ?? '—' },
        { title: t('credit.grades'), key: 'grades', render: (_, e) => e.grades.map((g) => `${compound(g.compoundId)} ${g.total.toFixed(2)}（${t(`grade.${g.grade}`)}）`).join('；') },
        { title: t('notice.publishedAt'), key: 'at', render: (_, e) => when(e.publishedAt) },
      ]}
    />
  );
}

/** 红榜 / 黑榜, dark shades for contrast. */
export function ListTag({ list }: { list: 'red' | 'black' | null }) {
  const { t } = useI18n();
  if (list === null) return <>—</>;
  return <Tag color={list === 'red' ? '#a8071a' : '#141414'}>{t(`credit.list.${list}.short`)}</Tag>;
}
