import { Button, Card, Col, Descriptions, Empty, Row, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { api, fetchFile } from '../../api/client';
import { isWeek, recentWeeks } from '../../api/quarters';
import type { WeeklyBulletin } from '../../api/supervision-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { percent, RATES } from '../office/rates';
import { useNames, useOpenedAt } from './names';

const PATH = '/api/query/bulletins/weekly';

/**
 * 每周工作信息: any week's figures (cases by level and status, the three rates, overdue and
 * escalations, level-4 cases and the meetings' decisions, notices published), its workbook and its
 * printable page, both fetched with the token and handed to the browser as files.
 */
export default function BulletinPage() {
  const { t, locale } = useI18n();
  const openedAt = useOpenedAt();
  const { token } = useSignedIn();
  const names = useNames();
  const [params, setParams] = useSearchParams();
  const weeks = recentWeeks(openedAt, 12);
  const week = isWeek(params.get('week')) ? (params.get('week') as string) : (weeks[0]?.week ?? '');
  const lang = locale === 'en' ? 'en' : 'zh-CN';
  const bulletin = useLoad((signal) => api<WeeklyBulletin>('GET', PATH, { token, signal, query: { week, lang, format: 'json' } }), `${token}|${week}|${lang}`);
  const download = useCommand();
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const b = bulletin.data?.week === week ? bulletin.data : undefined;
  const label = (prefix: string, key: string) => (isMessageKey(`${prefix}.${key}`) ? t(`${prefix}.${key}` as Parameters<typeof t>[0]) : key);

  const saveWorkbook = () =>
    download.run(async () => {
      const { blob, fileName } = await fetchFile(PATH, { token, query: { week, lang, format: 'xlsx' } });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName ?? `bulletin-${week}.xlsx`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });
  const openPrintable = () => {
    // Opened at the click, before the fetch, so that no pop-up blocker stops it; filled once the page came.
    const opened = window.open('', '_blank');
    return download.run(async () => {
      const { blob } = await fetchFile(PATH, { token, query: { week, lang, format: 'html' } });
      const url = URL.createObjectURL(new Blob([blob], { type: 'text/html' }));
      if (opened) opened.location.href = url;
      else window.location.assign(url);
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('bulletin.title')}
          </Typography.Title>
        }
      >
        <Space wrap>
          <label htmlFor="bulletin-week">{t('bulletin.week')}</label>
          <Select
            id="bulletin-week"
            data-testid="bulletin-week"
            value={week}
            style={{ width: 300, maxWidth: '100%' }}
            onChange={(w) => setParams(new URLSearchParams({ week: w }), { replace: true })}
            options={weeks.map((w) => ({ value: w.week, label: `${w.week}（${day.format(w.monday)} – ${day.format(w.sunday)}）` }))}
          />
          <Button icon={<DownloadOutlined />} onClick={() => void saveWorkbook()} loading={download.busy} data-testid="bulletin-xlsx">
            {t('bulletin.xlsx')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => void openPrintable()} data-testid="bulletin-print">
            {t('bulletin.printable')}
          </Button>
        </Space>
      </Card>
      {download.error !== null && <ErrorAlert error={download.error} />}
      {bulletin.error !== null && <ErrorAlert error={bulletin.error} onRetry={bulletin.reload} />}
      {b && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('bulletin.cases')}</Typography.Title>}>
                <Descriptions size="small" bordered column={1} data-testid="bulletin-cases">
                  <Descriptions.Item label={t('bulletin.reported')}>
                    <span data-testid="bulletin-reported">{b.cases.reported}</span>
                  </Descriptions.Item>
                  {Object.entries(b.cases.byLevel).map(([level, n]) => (
                    <Descriptions.Item key={level} label={label('level', level)}>
                      {n}
                    </Descriptions.Item>
                  ))}
                  {Object.entries(b.cases.byStatus).filter(([, n]) => n > 0).map(([status, n]) => (
                    <Descriptions.Item key={status} label={label('status', status)}>
                      {n}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('bulletin.rates')}</Typography.Title>}>
                <Descriptions size="small" bordered column={1} data-testid="bulletin-rates">
                  {RATES.map((rate) => (
                    <Descriptions.Item key={rate} label={t(`dashboard.${rate}`)}>
                      {percent(b.rates[rate], t('dashboard.noData'))}（{b.rates[rate].numerator}/{b.rates[rate].denominator}）
                    </Descriptions.Item>
                  ))}
                  {Object.entries(b.overdue).map(([figure, n]) => (
                    <Descriptions.Item key={figure} label={label('figure', figure)}>
                      {n ?? '—'}
                    </Descriptions.Item>
                  ))}
                  <Descriptions.Item label={t('figure.declineEscalations')}>{b.escalations.declineEscalations}</Descriptions.Item>
                  {Object.entries(b.escalations.raised).map(([cause, n]) => (
                    <Descriptions.Item key={cause} label={t('bulletin.raised', { cause: label('cause', cause) })}>
                      {n}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </Card>
            </Col>
          </Row>
          <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('bulletin.level4')}</Typography.Title>}>
            <Table
              data-testid="bulletin-level4"
              rowKey="caseId"
              size="small"
              pagination={false}
              dataSource={[...b.level4]}
              locale={{ emptyText: t('bulletin.none') }}
              columns={[
                { title: t('case.id'), dataIndex: 'caseId' },
                { title: t('case.compound'), key: 'compound', render: (_, c: WeeklyBulletin['level4'][number]) => (c.compoundId ? names.compound(c.compoundId) : '—') },
                { title: t('queue.col.category'), key: 'category', render: (_, c: WeeklyBulletin['level4'][number]) => (c.category ? names.category(c.category) : '—') },
                { title: t('case.status'), key: 'status', render: (_, c: WeeklyBulletin['level4'][number]) => label('status', c.status) },
                { title: t('bulletin.adjudication'), key: 'adj', render: (_, c: WeeklyBulletin['level4'][number]) => (c.adjudicationStatus ? label('dashboard.level4', c.adjudicationStatus) : '—') },
              ]}
            />
          </Card>
          <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('bulletin.meetings')}</Typography.Title>}>
            {b.meetings.length === 0 ? (
              <Empty description={t('bulletin.none')} />
            ) : (
              <Table
                data-testid="bulletin-meetings"
                rowKey="meetingId"
                size="small"
                pagination={false}
                dataSource={[...b.meetings]}
                columns={[
                  { title: t('bulletin.meetingAt'), key: 'at', render: (_, m: WeeklyBulletin['meetings'][number]) => new Date(m.scheduledAt).toLocaleString(locale) },
                  { title: t('case.status'), key: 'status', render: (_, m: WeeklyBulletin['meetings'][number]) => label('meeting.status', m.status) },
                  {
                    title: t('bulletin.decisions'),
                    key: 'decisions',
                    render: (_, m: WeeklyBulletin['meetings'][number]) =>
                      m.decisions.map((d) => `${d.caseId.slice(0, 8)} ${t(`bulletin.decision.${d.decision}`)}${d.leadUnit ? ` · ${names.unit(d.leadUnit)}` : ''}${d.reason ? ` · ${d.reason}` : ''}`).join('；') || '—',
                  },
                ]}
              />
            )}
          </Card>
          <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('bulletin.notices')}</Typography.Title>}>
            <Table
              data-testid="bulletin-notices"
              rowKey="publicationId"
              size="small"
              pagination={false}
              dataSource={[...b.noticesPublished]}
              locale={{ emptyText: t('bulletin.none') }}
              columns={[
                { title: t('notice.title'), dataIndex: 'title' },
                { title: t('notice.quarter'), dataIndex: 'quarter' },
                { title: t('notice.kind'), key: 'kind', render: (_, n: WeeklyBulletin['noticesPublished'][number]) => t(`notice.kind.${n.kind}`) },
                { title: t('bulletin.lists'), key: 'lists', render: (_, n: WeeklyBulletin['noticesPublished'][number]) => t('bulletin.listsText', { red: n.red, black: n.black }) },
                { title: t('notice.contentSha256'), key: 'hash', render: (_, n: WeeklyBulletin['noticesPublished'][number]) => <Typography.Text code>{n.contentSha256.slice(0, 16)}…</Typography.Text> },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
