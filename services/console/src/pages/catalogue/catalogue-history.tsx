import { useState } from 'react';
import { Button, Card, DatePicker, Space, Table, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { CATALOGUE_LISTS, type AnyEntry, type CatalogueAsOf, type CatalogueChange, type CatalogueChanges } from '../../api/catalogue-admin-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { useWhen } from '../supervision/names';
import { fieldChanges } from './change-diff';
import { EntryTable } from './entry-table';
import { SettingsFacts } from './settings-facts';

/** The catalogue's changes, the latest first, with who, when, why and what, each change's fields before and after; and the catalogue as of an instant. */
export function CatalogueHistory({ changes }: { changes: CatalogueChanges | undefined }) {
  const { t, nameOf } = useI18n();
  const when = useWhen();
  const what = (c: CatalogueChange) => {
    const list = c.data.list ? t(`history.list.${c.data.list}`) : '';
    const entry = (c.data.entry ?? c.data.previous) as AnyEntry | undefined;
    const named = entry?.name ? ` ${nameOf(entry.name, entry.id)}（${entry.id}）` : c.data.id ? ` ${c.data.id}` : '';
    switch (c.type) {
      case 'supervision.CatalogueAdopted.v1':
        return t('history.type.adopted');
      case 'supervision.CatalogueEntryPut.v1':
        return `${t(c.data.previous ? 'history.type.revised' : 'history.type.added', { list })}${named}`;
      case 'supervision.CatalogueEntryRemoved.v1':
        return `${t('history.type.removed', { list })}${named}`;
      case 'supervision.CatalogueDeadlinesRevised.v1':
        return t('history.type.deadlines');
      case 'supervision.CataloguePoliciesRevised.v1':
        return t('history.type.policies');
    }
  };
  const role = (r: string) => {
    const key = `role.${r}`;
    return isMessageKey(key) ? t(key) : r;
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Table<CatalogueChange>
        data-testid="catalogue-history"
        rowKey="revision"
        size="small"
        dataSource={[...(changes?.changes ?? [])]}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('history.empty') }}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (c) => <ChangeDetail change={c} />, rowExpandable: (c) => c.type !== 'supervision.CatalogueAdopted.v1' }}
        columns={[
          { title: t('history.when'), key: 'when', render: (_, c) => when(c.recordedAt) },
          { title: t('history.who'), key: 'who', render: (_, c) => `${c.actor.id} · ${role(c.actor.role)}` },
          { title: t('history.what'), key: 'what', render: (_, c) => what(c) },
          { title: t('history.reason'), key: 'reason', render: (_, c) => c.data.reason ?? (c.type === 'supervision.CatalogueAdopted.v1' ? t('history.adopted') : '—') },
        ]}
      />
      <AsOf />
    </Space>
  );
}

/** A change's fields before → after. */
function ChangeDetail({ change }: { change: CatalogueChange }) {
  const { t } = useI18n();
  const after = change.data.entry ?? change.data.deadlines ?? change.data.policies ?? null;
  const rows = fieldChanges(change.data.previous ?? null, change.type === 'supervision.CatalogueEntryRemoved.v1' ? null : after);
  return (
    <Table
      data-testid="catalogue-change-fields"
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('history.field'), dataIndex: 'field', key: 'field', render: (field: string) => <Typography.Text code>{field}</Typography.Text> },
        { title: t('history.before'), dataIndex: 'before', key: 'before', render: (v: string) => <Typography.Text delete={v !== '—'}>{v}</Typography.Text> },
        { title: t('history.after'), dataIndex: 'after', key: 'after' },
      ]}
    />
  );
}

/** The catalogue as it was in force at an instant the user picks, read only. */
function AsOf() {
  const { t, nameOf } = useI18n();
  const { token } = useSignedIn();
  const when = useWhen();
  const [picked, setPicked] = useState<Dayjs | null>(null);
  const [at, setAt] = useState<string | null>(null);
  const asOf = useLoad((signal) => (at ? api<CatalogueAsOf>('GET', '/api/catalogue/as-of', { token, signal, query: { at } }) : Promise.resolve(undefined)), `${token}|${at}`);
  const then = asOf.data;
  const removed = then ? CATALOGUE_LISTS.flatMap((list) => then.removed[list].map((e) => nameOf(e.name, e.id))) : [];
  return (
    <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('history.asOf')}</Typography.Title>} data-testid="catalogue-as-of">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker showTime value={picked} onChange={setPicked} aria-label={t('history.asOf.pick')} placeholder={t('history.asOf.pick')} data-testid="as-of-picker" />
        <Button type="primary" disabled={!picked} onClick={() => setAt(picked ? picked.toISOString() : null)} data-testid="as-of-show">
          {t('history.asOf.show')}
        </Button>
      </Space>
      {asOf.error !== null && <ErrorAlert error={asOf.error} onRetry={asOf.reload} />}
      {then && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="as-of-catalogue">
          <Typography.Text strong>
            {t('history.asOf.heading', { at: when(then.at) })} · {then.revision >= 0 ? t('history.asOf.revision', { revision: then.revision }) : t('history.asOf.initial')}
          </Typography.Text>
          {removed.length > 0 && <Typography.Text type="secondary">{t('history.asOf.removed', { names: removed.join('、') })}</Typography.Text>}
          <Tabs
            size="small"
            items={[
              ...CATALOGUE_LISTS.map((list) => ({ key: list, label: t(`catalogue.tab.${list}`), children: <EntryTable list={list} entries={then.catalogue[list]} catalogue={then.catalogue} /> })),
              { key: 'settings', label: `${t('catalogue.tab.deadlines')} · ${t('catalogue.tab.policies')}`, children: <SettingsFacts catalogue={then.catalogue} /> },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

