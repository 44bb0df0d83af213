import { Card, Space, Table, Typography } from 'antd';
import type { Drill, Trends } from '../../api/office-types';
import { useI18n } from '../../i18n/i18n';
import { FigureLink } from './drill';
import { OVERDUE_FIGURES, RATE_FIGURES, RATES, percent } from './rates';

type Group = Trends['groups'][number];

/** Every group's figures over the period, each count leading to the cases behind it. */
export function DashboardTable({ trends, period }: { trends: Trends; period: Pick<Drill, 'from' | 'to'> }) {
  const { t, nameOf } = useI18n();
  const { groupBy } = trends;
  const of = (g: Group) => ({ groupBy, groupId: g.id, ...period });
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('dashboard.table.title')}
        </Typography.Title>
      }
    >
      <Table<Group>
        data-testid="group-table"
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={[...trends.groups]}
        locale={{ emptyText: t('dashboard.empty') }}
        columns={[
          { title: t('dashboard.table.name'), key: 'name', render: (_, g) => nameOf(g.name, g.id) },
          { title: t('dashboard.table.cases'), key: 'cases', render: (_, g) => <FigureLink drill={{ figure: 'cases', ...of(g) }} count={g.totals.cases} /> },
          ...RATES.map((rate) => ({
            title: t(`dashboard.${rate}`),
            key: rate,
            render: (_: unknown, g: Group) => (
              <span>
                {percent(g.totals[rate], t('dashboard.noData'))} (<FigureLink drill={{ figure: RATE_FIGURES[rate].numerator, ...of(g) }} count={g.totals[rate].numerator} />/
                <FigureLink drill={{ figure: RATE_FIGURES[rate].denominator, ...of(g) }} count={g.totals[rate].denominator} />)
              </span>
            ),
          })),
          {
            title: t('dashboard.table.overdue'),
            key: 'overdue',
            render: (_, g) => (
              <Space size={4} split="·" wrap>
                {OVERDUE_FIGURES.flatMap((figure) => {
                  const count = g.totals.overdue[figure];
                  return count === null ? [] : [
                    <span key={figure}>
                      {t(`figure.${figure}`)} <FigureLink drill={{ figure, ...of(g) }} count={count} />
                    </span>,
                  ];
                })}
              </Space>
            ),
          },
          { title: t('dashboard.table.declineEscalations'), key: 'declines', render: (_, g) => <FigureLink drill={{ figure: 'declineEscalations', ...of(g) }} count={g.totals.declineEscalations} /> },
        ]}
      />
    </Card>
  );
}
