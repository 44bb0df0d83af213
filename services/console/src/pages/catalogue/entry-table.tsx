import { Button, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { AnyEntry, CatalogueEntries, CatalogueListName, FullCatalogue } from '../../api/catalogue-admin-types';
import { useI18n } from '../../i18n/i18n';

interface EntryTableProps {
  readonly list: CatalogueListName;
  readonly entries: readonly AnyEntry[];
  /** the catalogue the entries refer into (units, communities, stations), for their names */
  readonly catalogue: FullCatalogue;
  /** the administrator's actions; a read-only table without them */
  readonly onEdit?: (entry: AnyEntry) => void;
  readonly onRemove?: (entry: AnyEntry) => void;
}

/** One list of the catalogue, each entry with what the administrator edits of it. */
export function EntryTable({ list, entries, catalogue, onEdit, onRemove }: EntryTableProps) {
  const { t, nameOf } = useI18n();
  const name = (of: readonly { id: string; name: { zh: string; en: string } }[], id: string) => nameOf(of.find((e) => e.id === id)?.name, id);
  const columns: ColumnsType<AnyEntry> = [
    { title: t('catalogue.field.id'), dataIndex: 'id', key: 'id', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
    { title: t('catalogue.field.name'), key: 'name', render: (_, e) => nameOf(e.name, e.id) },
    ...specific(list),
    ...(onEdit && onRemove
      ? [
          {
            title: t('catalogue.actions'),
            key: 'actions',
            render: (_: unknown, e: AnyEntry) => (
              <Space size="small">
                <Button size="small" onClick={() => onEdit(e)} aria-label={`${t('catalogue.edit')} ${nameOf(e.name, e.id)}`}>
                  {t('catalogue.edit')}
                </Button>
                <Button size="small" onClick={() => onRemove(e)} aria-label={`${t('catalogue.remove')} ${nameOf(e.name, e.id)}`}>
                  {t('catalogue.remove')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<AnyEntry>
      data-testid={`catalogue-table-${list}`}
      rowKey="id"
      size="small"
      dataSource={[...entries]}
      columns={columns}
      // Read only, it wraps instead of scrolling: a scrolled region needs something in it to focus (axe).
      {...(onEdit ? { scroll: { x: 'max-content' } } : {})}
      locale={{ emptyText: t('catalogue.empty') }}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('catalogue.total', { total }) }}
    />
  );

  function specific(of: CatalogueListName): ColumnsType<AnyEntry> {
    switch (of) {
      case 'categories':
        return [
          { title: t('catalogue.field.defaultLevel'), key: 'level', render: (_, e) => t(`level.${(e as CatalogueEntries['categories']).defaultLevel}`) },
          { title: t('catalogue.field.unitIds'), key: 'units', render: (_, e) => (e as CatalogueEntries['categories']).unitIds.map((id) => name(catalogue.units, id)).join('、') },
          {
            title: t('catalogue.field.ownDeadlines'),
            key: 'deadlines',
            responsive: ['lg'],
            render: (_, e) => {
              const d = (e as CatalogueEntries['categories']).deadlines;
              if (!d) return '—';
              return [
                d.reportIn && `${t('deadline.reportIn.2')} ${d.reportIn['2']}，${t('deadline.reportIn.3')} ${d.reportIn['3']}`,
                d.grace && `${t('deadline.grace.2')} ${d.grace['2']}，${t('deadline.grace.3')} ${d.grace['3']}`,
                d.activity && `${t('deadline.activity')} ${d.activity}`,
              ]
                .filter(Boolean)
                .join('；');
            },
          },
        ];
      case 'units':
        return [
          { title: t('catalogue.field.contacts'), key: 'contacts', render: (_, e) => ((e as CatalogueEntries['units']).contacts ?? []).map((c) => `${c.name} ${c.phone}`).join('；') || '—' },
          { title: t('catalogue.field.webhookUrl'), key: 'webhook', responsive: ['lg'], render: (_, e) => (e as CatalogueEntries['units']).webhook?.url ?? '—' },
        ];
      case 'compounds':
        return [{ title: t('catalogue.field.communityId'), key: 'community', render: (_, e) => name(catalogue.communities, (e as CatalogueEntries['compounds']).communityId) }];
      case 'communities':
        return [{ title: t('catalogue.field.stationId'), key: 'station', render: (_, e) => name(catalogue.stations, (e as CatalogueEntries['communities']).stationId) }];
      case 'stations':
        return [{ title: t('catalogue.field.webhookUrl'), key: 'webhook', render: (_, e) => (e as CatalogueEntries['stations']).webhook?.url ?? '—' }];
    }
  }
}
