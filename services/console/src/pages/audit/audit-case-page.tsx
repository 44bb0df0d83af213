import { Card, Descriptions, Space, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { HistoryEntry } from '../../api/audit-types';
import type { CaseDetail } from '../../api/types';
import { useLoad } from '../../api/use-load';
import { LevelTag, StatusTag } from '../../components/case-tags';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { AuditTimeline } from './audit-timeline';
import { PersonalDataAccesses } from './personal-data-accesses';
import { StateAtMoment } from './state-at-moment';
import { VerificationCard } from './verification-card';

/** 案件审计: one case's history across the services, its state at any moment, its verification and its dossier. */
export default function AuditCasePage() {
  const { id = '' } = useParams();
  const { t, nameOf } = useI18n();
  const { token } = useSignedIn();
  const history = useLoad((signal) => api<{ events: HistoryEntry[] }>('GET', `/api/audit/cases/${id}/history`, { token, signal }), `${token}|${id}`);
  const view = useLoad((signal) => api<CaseDetail>('GET', `/api/query/cases/${id}`, { token, signal }), `${token}|${id}`);
  const events = history.data?.events ?? [];
  const c = view.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/audit">← {t('common.back')}</Link>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('audit.case.title', { category: c ? nameOf(c.categoryName, c.category) : id.slice(0, 8) })}
          </Typography.Title>
        }
        extra={
          <Link to={`/audit/cases/${id}/dossier`} data-testid="open-dossier">
            <FileTextOutlined /> {t('audit.dossier.open')}
          </Link>
        }
      >
        {view.error !== null && <ErrorAlert error={view.error} onRetry={view.reload} />}
        {c && (
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('case.id')} span={2}>
              <Typography.Text copyable data-testid="audit-case-id-shown">
                {c.id}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('case.status')}>
              <StatusTag status={c.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('case.level')}>
              <LevelTag level={c.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('case.compound')}>{nameOf(c.compoundName, c.compoundId)}</Descriptions.Item>
            <Descriptions.Item label={t('case.station')}>{nameOf(c.stationName)}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {history.error !== null && <ErrorAlert error={history.error} onRetry={history.reload} />}
      {events.length > 0 && <StateAtMoment key={events.length} caseId={id} events={events} />}
      <VerificationCard caseId={id} />
      <PersonalDataAccesses caseId={id} />
      {history.data && <AuditTimeline events={events} />}
    </Space>
  );
}
