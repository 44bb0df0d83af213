import { Alert, Button, Card, Col, Descriptions, Row, Space, Table, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { useCaseView } from '../api/case-view';
import type { AuditEvent, CaseTask, TaskStatus } from '../api/types';
import { useLoad } from '../api/use-load';
import { LevelTag, StatusTag } from '../components/case-tags';
import { Countdown } from '../components/countdown';
import { EvidenceList } from '../evidence/evidence-list';
import { ErrorAlert } from '../components/error-alert';
import { useI18n } from '../i18n/i18n';
import { useSignedIn } from '../session/session';
import { caseTimeline } from './case-timeline';
import { CaseProgress } from './reporter/case-progress';
import { DuplicatePanel } from './station/duplicate-panel';
import { DuplicateLinks } from './station/duplicate-links';
import { RelatedReports } from './station/related-reports';
import { StationActions, hasStationActions } from './station/station-actions';
import { ReporterDataCard } from './office/reporter-data-card';
import { JointEnforcementCard } from './unit/joint-enforcement';
import { MyTasks } from './unit/my-tasks';
import { CaseEvaluations, taskEnded } from './supervision/case-evaluations';
import { CompoundSummaryCard } from './compounds/compound-summary';

export function CasePage() {
  const { id = '' } = useParams();
  const { t, nameOf, locale } = useI18n();
  const { token, principal } = useSignedIn();
  const view = useCaseView(id);
  const mayAudit = principal.role === 'office' || principal.role === 'auditor';
  const history = useLoad(
    (signal) => (mayAudit ? api<{ events: AuditEvent[] }>('GET', `/api/audit/cases/${id}/history`, { token, signal }) : Promise.resolve({ events: [] })),
    `${id}|${token}|${view.data?.status ?? ''}|${view.data?.reporterErasure?.at ?? ''}`,
  );
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const when = (at: string) => format.format(new Date(at));

  if (!view.data) {
    if (view.error) return <ErrorAlert error={view.error} onRetry={view.reload} />;
    return <Alert type="info" showIcon title={t('case.notYet')} />;
  }
  const c = view.data;
  const acting = principal.role === 'station' || principal.role === 'office';
  const sideActions = acting && hasStationActions({ view: c, settle: view.settle }, principal.role);
  const unit = (unitId: string) => nameOf(c.unitNames[unitId], unitId);
  const taskColumns = [
    { title: t('case.task.unit'), key: 'unit', render: (_: unknown, task: CaseTask) => unit(task.unitId) },
    { title: t('case.task.status'), dataIndex: 'status', render: (status: TaskStatus) => t(`taskStatus.${status}`) },
    {
      title: t('case.task.reportInDue'),
      key: 'due',
      render: (_: unknown, task: CaseTask) => (task.reportInDueAt && task.status === 'assigned' ? <Countdown dueAt={task.reportInDueAt} overdue={task.overdue} /> : '—'),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/queue">← {t('common.back')}</Link>
      {view.error !== null && <ErrorAlert error={view.error} onRetry={view.reload} />}
      {principal.role === 'unit' && <MyTasks view={c} unitId={principal.unitId} />}
      {principal.role === 'reporter' && <CaseProgress view={c} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={sideActions ? 14 : 24}>
          <Card
            title={
              <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
                {t('case.title')} · {nameOf(c.categoryName, c.category)}
              </Typography.Title>
            }
            extra={<Button onClick={view.reload}>{t('common.refresh')}</Button>}
          >
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered data-testid="case-facts">
              <Descriptions.Item label={t('case.status')}>
                <span data-testid="case-status">
                  <StatusTag status={c.status} />
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('case.level')}>
                <LevelTag level={c.level} />
              </Descriptions.Item>
              <Descriptions.Item label={t('case.compound')}>{nameOf(c.compoundName, c.compoundId)}</Descriptions.Item>
              <Descriptions.Item label={t('case.community')}>{nameOf(c.communityName)}</Descriptions.Item>
              <Descriptions.Item label={t('case.station')}>{nameOf(c.stationName)}</Descriptions.Item>
              <Descriptions.Item label={t('case.channel')}>{c.channel ? t(`channel.${c.channel}`) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('case.reportedAt')}>{when(c.reportedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('case.location')}>{c.location ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('case.description')} span={2}>
                <span data-testid="case-description">{c.description}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('case.units')} span={2}>
                {c.units.length ? c.units.map(unit).join('、') : '—'}
              </Descriptions.Item>
              {c.duplicateOf && (
                <Descriptions.Item label={t(c.status === 'merged' ? 'links.mergedInto' : 'case.duplicateOf')} span={2}>
                  <Link to={`/cases/${c.duplicateOf}`}>{c.duplicateOf}</Link>
                </Descriptions.Item>
              )}
              {c.evidence.length > 0 && (
                <Descriptions.Item label={t('evidence.label')} span={2}>
                  <EvidenceList evidence={c.evidence} />
                </Descriptions.Item>
              )}
              {c.rejection && (
                <Descriptions.Item label={t('reject.title')} span={2}>
                  <span data-testid="case-rejection">
                    {t(`reject.code.${c.rejection.code}`)}：{c.rejection.reason}
                  </span>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('case.id')} span={2}>
                <Typography.Text copyable>{c.id}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {sideActions && (
          <Col xs={24} lg={10}>
            <StationActions view={c} settle={view.settle} role={principal.role} />
          </Col>
        )}
      </Row>
      {acting && c.status === 'duplicate' && c.duplicateOf && <DuplicatePanel view={c} settle={view.settle} />}
      {acting && (c.status === 'triaged' || c.status === 'reopened') && <RelatedReports view={c} />}
      {principal.role !== 'reporter' && <DuplicateLinks view={c} settle={view.settle} acting={acting} />}
      {c.deadlines.length > 0 && (
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('case.deadlines')}</Typography.Title>}>
          <Space wrap>
            {c.deadlines.map((d, i) => (
              <Countdown key={`${d.kind}-${d.unitId ?? ''}-${i}`} dueAt={d.dueAt} overdue={d.overdue} label={t(`deadline.kind.${d.kind}`, { unit: d.unitId ? unit(d.unitId) : '' })} />
            ))}
          </Space>
        </Card>
      )}
      {(principal.role === 'office' || principal.role === 'admin') && c.hasReporter && <ReporterDataCard view={c} settle={view.settle} />}
      {c.adjudication?.resolution && <JointEnforcementCard view={c} resolutionId={c.adjudication.resolution.resolutionId} />}
      {c.tasks.length > 0 && (
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('case.tasks')}</Typography.Title>}>
          <Table<CaseTask> rowKey="taskId" size="small" pagination={false} columns={taskColumns} dataSource={[...c.tasks]} scroll={{ x: 'max-content' }} />
        </Card>
      )}
      {principal.role !== 'reporter' && <CompoundSummaryCard compoundId={c.compoundId} />}
      {(acting || principal.role === 'auditor') && <CaseEvaluations caseId={c.id} ended={c.tasks.filter(taskEnded).length} />}
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('case.timeline')}</Typography.Title>}>
        <Timeline
          data-testid="case-timeline"
          items={caseTimeline(c, t, nameOf).map((entry) => ({
            title: when(entry.at),
            content: entry.text,
          }))}
        />
      </Card>
      {mayAudit && (
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('case.audit')}</Typography.Title>}>
          {history.error !== null ? (
            <ErrorAlert error={history.error} onRetry={history.reload} />
          ) : (
            <Timeline
              data-testid="audit-timeline"
              items={(history.data?.events ?? []).map((event) => ({
                title: when(event.occurredAt),
                content: (
                  <>
                    <Typography.Text code>{event.type}</Typography.Text> {event.actor.id} ({event.service})
                    {typeof event.data?.reason === 'string' && (
                      <>
                        <br />
                        {t('links.reason')}：{event.data.reason}
                      </>
                    )}
                    <br />
                    <Typography.Text type="secondary">
                      {t('case.audit.hash')} {event.hash.slice(0, 16)}…
                    </Typography.Text>
                  </>
                ),
              }))}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
