import { Alert, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { AssessmentView, FirmView } from '../../api/supervision-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { AssessmentFindings } from './assessment-findings';
import { AssessmentLogs } from './assessment-logs';
import { AssessmentSatisfaction } from './assessment-satisfaction';
import { AssessmentScores } from './assessment-scores';
import { useNames, useWhen } from './names';
import { useAssessment } from './use-assessment';

/**
 * 物业服务测评 of one firm in one compound for a quarter: the eight dimensions' scores, the findings
 * to rectify, the residents' satisfaction (batches and a questionnaire link), open days and visits,
 * and 完成测评, which fixes the total and the grade under the quarter's weighting.
 */
export default function AssessmentPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { token, principal } = useSignedIn();
  const names = useNames();
  const when = useWhen();
  const assessment = useAssessment(id);
  const a = assessment.data;
  const firm = useLoad((signal) => (a ? api<FirmView>('GET', `/api/query/firms/${a.firmId}`, { token, signal }) : Promise.resolve(undefined)), `${token}|${a?.firmId ?? ''}`);
  const mayAct = principal.role === 'office' || principal.role === 'station';
  const part = a && { assessment: a, settle: assessment.settle, mayAct };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={a ? `/assessments?quarter=${a.quarter}` : '/assessments'}>← {t('assessments.back')}</Link>
      {assessment.error !== null && <ErrorAlert error={assessment.error} onRetry={assessment.reload} />}
      {a && part && (
        <>
          <Card
            title={
              <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
                {t('assessment.title', { firm: firm.data?.name ?? a.firmId, compound: names.compound(a.compoundId) })}
              </Typography.Title>
            }
            extra={<Button onClick={assessment.reload}>{t('common.refresh')}</Button>}
          >
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="assessment-facts">
              <Descriptions.Item label={t('quarterly.quarter')}>{a.quarter}</Descriptions.Item>
              <Descriptions.Item label={t('assessment.status')}>
                <span data-testid="assessment-status">
                  <Tag color={a.status === 'completed' ? '#237804' : '#0958d9'}>{t(`assessment.status.${a.status}`)}</Tag>
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('assessment.station')}>{names.station(a.stationId)}</Descriptions.Item>
              <Descriptions.Item label={t('assessment.firm')}>{firm.data ? <Link to={`/firms/${a.firmId}`}>{firm.data.name}</Link> : a.firmId}</Descriptions.Item>
              <Descriptions.Item label={t('assessment.compound')}>{names.compound(a.compoundId)}</Descriptions.Item>
              <Descriptions.Item label={t('assessment.community')}>{names.community(a.communityId)}</Descriptions.Item>
            </Descriptions>
          </Card>
          {a.result ? (
            <Alert
              type={a.result.grade === 'fail' ? 'warning' : 'success'}
              showIcon
              data-testid="assessment-result"
              title={t('assessment.result', { total: a.result.total.toFixed(2), grade: t(`grade.${a.result.grade}`) })}
              description={t('assessment.resultDetail', {
                responses: a.result.satisfaction.responses,
                average: a.result.satisfaction.average.toFixed(2),
                findings: a.result.openFindings,
                openDays: a.result.openDays,
                visits: a.result.visits,
                at: when(a.result.completedAt),
              })}
            />
          ) : (
            mayAct && <CompleteCard assessment={a} settle={assessment.settle} />
          )}
          <AssessmentScores {...part} />
          <AssessmentFindings {...part} />
          <AssessmentSatisfaction {...part} />
          <AssessmentLogs {...part} />
        </>
      )}
    </Space>
  );
}

/** 完成测评: refused until every dimension is scored and enough residents answered; the result then shows above. */
function CompleteCard({ assessment, settle }: { assessment: AssessmentView; settle: () => Promise<void> }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const command = useCommand();
  const unscored = Object.values(assessment.dimensions).filter((d) => d === null).length;
  const complete = async () => {
    if (await command.run(() => api('POST', `/api/supervision/assessments/${encodeURIComponent(assessment.id)}/complete`, { token }), t('assessment.completed'))) await settle();
  };
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('assessment.complete')}</Typography.Title>} data-testid="complete-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {command.error !== null && <ErrorAlert error={command.error} />}
        <Typography.Text type="secondary">{t('assessment.completeHint', { unscored, responses: assessment.satisfaction.responses })}</Typography.Text>
        <Popconfirm title={t('assessment.completeConfirm')} okText={t('assessment.complete')} cancelText={t('common.cancel')} onConfirm={complete}>
          <Button type="primary" loading={command.busy} data-testid="assessment-complete">
            {t('assessment.complete')}
          </Button>
        </Popconfirm>
      </Space>
    </Card>
  );
}
