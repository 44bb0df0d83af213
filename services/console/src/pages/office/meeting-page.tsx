import { Alert, Button, Card, Descriptions, Popconfirm, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Meeting, Minutes } from '../../api/office-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { AgendaItemCard } from './agenda-item-card';
import { AttendanceCard } from './attendance-card';
import { MeetingStatusTag } from './meeting-status-tag';

/**
 * 联席会议: one meeting as adjudication holds it. The office opens it, records who came (the
 * quorum shows as it changes), each unit's opinion per agenda case, a resolution or a deferral,
 * and closes it; the minutes are a click away.
 */
export default function MeetingPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { token, principal } = useSignedIn();
  const meeting = useLoad((signal) => api<Meeting>('GET', `/api/adjudication/meetings/${id}`, { token, signal }), `${token}|${id}`);
  // The minutes carry the quorum as the domain counts it.
  const minutes = useLoad((signal) => api<Minutes>('GET', `/api/adjudication/meetings/${id}/minutes`, { token, signal }), `${token}|${id}|${meeting.data?.revision ?? ''}`);
  const command = useCommand();
  const send = async (step: 'open' | 'close') => {
    if (await command.run(() => api('POST', `/api/adjudication/meetings/${id}/${step}`, { token }))) meeting.reload();
  };
  const when = (at: string | null) => (at ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)) : '—');
  const m = meeting.data;
  if (!m) return meeting.error ? <ErrorAlert error={meeting.error} onRetry={meeting.reload} /> : <Card loading />;
  const office = principal.role === 'office';
  const present = m.attendance.filter((a) => a.present).map((a) => a.unitId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/meetings">← {t('meeting.back')}</Link>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('meeting.title', { place: m.place })}
          </Typography.Title>
        }
        extra={
          <Space wrap>
            {office && m.status === 'scheduled' && (
              <Button type="primary" loading={command.busy} onClick={() => send('open')} data-testid="meeting-open">
                {t('meeting.open')}
              </Button>
            )}
            {office && m.status === 'open' && (
              <Popconfirm title={t('meeting.closeConfirm')} okText={t('meeting.closeConfirmOk')} cancelText={t('meeting.cancel')} onConfirm={() => send('close')}>
                <Button danger style={{ color: '#a8071a', borderColor: '#a8071a' }} loading={command.busy} data-testid="meeting-close">
                  {t('meeting.close')}
                </Button>
              </Popconfirm>
            )}
            <Link to={`/meetings/${id}/minutes`} data-testid="meeting-minutes">
              {t('meeting.minutes')}
            </Link>
          </Space>
        }
      >
        {command.error !== null && (
          <div style={{ marginBottom: 12 }}>
            <ErrorAlert error={command.error} />
          </div>
        )}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('meeting.status')}>
            <MeetingStatusTag status={m.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('meeting.scheduledAt')}>{when(m.scheduledAt)}</Descriptions.Item>
          <Descriptions.Item label={t('meeting.openedAt')}>{when(m.openedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('meeting.closedAt')}>{when(m.closedAt)}</Descriptions.Item>
        </Descriptions>
        {m.status === 'scheduled' && <Alert type="info" showIcon title={t('meeting.notOpen')} style={{ marginTop: 12 }} />}
      </Card>
      <AttendanceCard meeting={m} quorum={minutes.data?.quorum ?? null} onChanged={meeting.reload} />
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        {t('meeting.agenda')}
      </Typography.Title>
      {m.agenda.length === 0 && <Alert type="info" title={t('meeting.agenda.empty')} />}
      {m.agenda.map((item, index) => (
        <AgendaItemCard key={item.caseId} meeting={m} item={item} index={index} present={present} onChanged={meeting.reload} />
      ))}
    </Space>
  );
}
