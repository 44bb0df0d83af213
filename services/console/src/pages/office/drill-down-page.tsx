import { Card, Descriptions, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useCatalogue } from '../../api/catalogue';
import { api } from '../../api/client';
import { CAUSES, FIGURES, type Cause, type Drill, type DrillPage, type Figure } from '../../api/office-types';
import type { StatsGroupBy } from '../../api/types';
import { useLoad } from '../../api/use-load';
import { CaseTable } from '../../components/case-table';
import { useListParams } from '../../components/use-list-params';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { figureName } from './drill';

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/** 统计明细: the cases behind one figure of the dashboard, paged by the server. */
export default function DrillDownPage() {
  const { t, nameOf, locale } = useI18n();
  const { token, principal } = useSignedIn();
  const catalogue = useCatalogue();
  const list = useListParams(20);
  const { params, page, pageSize } = list;
  const figure: Figure = pick(params.get('figure'), FIGURES) ?? 'cases';
  const groupBy = pick<StatsGroupBy>(params.get('groupBy'), ['station', 'unit', 'community']);
  const cause = pick<Cause>(params.get('cause'), CAUSES);
  const drill: Drill = {
    figure,
    ...(groupBy ? { groupBy } : {}),
    ...(params.get('groupId') ? { groupId: params.get('groupId') as string } : {}),
    ...(params.get('from') ? { from: params.get('from') as string } : {}),
    ...(params.get('to') ? { to: params.get('to') as string } : {}),
    ...(cause ? { cause } : {}),
    ...(params.get('adjudication') ? { adjudication: params.get('adjudication') as string } : {}),
  };
  const cases = useLoad((signal) => api<DrillPage>('GET', '/api/query/stats/cases', { token, signal, query: { ...drill, page, pageSize } }), `${token}|${params.toString()}`);

  const groupName = () => {
    if (!drill.groupId) return t('drill.everyGroup');
    const entries = groupBy === 'unit' ? catalogue.units : groupBy === 'station' ? catalogue.stations : catalogue.communities;
    return nameOf(entries.find((e) => e.id === drill.groupId)?.name, drill.groupId);
  };
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  // `to` is exclusive: the period's last day is the one before it.
  const periodText = drill.from && drill.to ? `${day.format(new Date(drill.from))} – ${day.format(new Date(Date.parse(drill.to) - 1))}` : t('drill.noPeriod');

  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('drill.title')} · {figureName(t, figure, groupBy, cause)}
        </Typography.Title>
      }
      extra={<BackToDashboard />}
    >
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} data-testid="drill-facts">
        <Descriptions.Item label={t('drill.figure')}>{figureName(t, figure, groupBy, cause)}</Descriptions.Item>
        <Descriptions.Item label={t('drill.group')}>{groupName()}</Descriptions.Item>
        <Descriptions.Item label={t('drill.period')}>{periodText}</Descriptions.Item>
      </Descriptions>
      {cases.error !== null && <ErrorAlert error={cases.error} onRetry={cases.reload} />}
      <CaseTable
        testId="drill-table"
        rows={cases.data?.items ?? []}
        total={cases.data?.total ?? 0}
        loading={cases.loading}
        list={list}
        totalText={(total) => t('drill.total', { total })}
        links={(row) => [{ to: `/cases/${row.id}`, label: t('queue.open') }, ...(principal.role === 'auditor' ? [{ to: `/audit/cases/${row.id}`, label: t('drill.audit') }] : [])]}
      />
    </Card>
  );
}

/** Back where the user came from (the dashboard as they left it), or to the dashboard when the page was opened directly. */
function BackToDashboard() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <Link
      to="/dashboard"
      onClick={(event) => {
        if (location.key === 'default') return;
        event.preventDefault();
        navigate(-1);
      }}
    >
      {t('drill.back')}
    </Link>
  );
}
