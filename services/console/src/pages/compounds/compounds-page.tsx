import { useState } from 'react';
import { Card, Segmented, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { CompoundSummary } from '../../api/compound-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { ThreeWithoutsTags, useLiaisonName } from './three-withouts-tags';

type Filter = 'all' | 'threeWithout' | 'others';
const QUERY: Record<Filter, boolean | undefined> = { all: undefined, threeWithout: true, others: false };

/** 小区档案: every compound (a station's own) with its firm, the derived three withouts and its liaisons; filtered to the 三无小区. */
export default function CompoundsPage() {
  const { t, nameOf } = useI18n();
  const { token } = useSignedIn();
  const liaisonName = useLiaisonName();
  const [filter, setFilter] = useState<Filter>('all');
  const compounds = useLoad((signal) => api<CompoundSummary[]>('GET', '/api/supervision/compounds', { token, signal, query: { threeWithout: QUERY[filter] } }), `${token}|${filter}`);
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('compounds.title')}
        </Typography.Title>
      }
      extra={
        <Segmented<Filter>
          aria-label={t('compounds.filter')}
          data-testid="compounds-filter"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('compounds.filter.all') },
            { value: 'threeWithout', label: t('compounds.filter.threeWithout') },
            { value: 'others', label: t('compounds.filter.others') },
          ]}
        />
      }
    >
      {compounds.error !== null && <ErrorAlert error={compounds.error} onRetry={compounds.reload} />}
      <Table<CompoundSummary>
        data-testid="compounds-table"
        rowKey="compoundId"
        size="middle"
        loading={compounds.loading}
        dataSource={[...(compounds.data ?? [])]}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('compounds.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('compounds.total', { total }) }}
        columns={[
          { title: t('compound.name'), key: 'name', render: (_, c) => <Link to={`/compounds/${c.compoundId}`}>{nameOf(c.name, c.compoundId)}</Link> },
          { title: t('compound.community'), key: 'community', render: (_, c) => nameOf(c.community.name, c.community.id), responsive: ['md'] },
          { title: t('compound.station'), key: 'station', render: (_, c) => nameOf(c.station.name, c.station.id), responsive: ['lg'] },
          { title: t('compound.firm'), key: 'firm', render: (_, c) => c.firm?.name ?? t('compound.noFirm') },
          { title: t('compound.threeWithouts'), key: 'three', render: (_, c) => <ThreeWithoutsTags compound={c} /> },
          { title: t('compound.liaisons'), key: 'liaisons', render: (_, c) => (c.liaisons.length ? c.liaisons.map((l) => liaisonName(l.liaison)).join('；') : '—') },
        ]}
      />
    </Card>
  );
}
