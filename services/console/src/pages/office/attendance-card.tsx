import { Alert, Card, Switch, Table, Typography } from 'antd';
import { api } from '../../api/client';
import type { Meeting, Minutes } from '../../api/office-types';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { useUnitName } from './unit-names';

/** 出席: a switch per invited unit while the meeting is open, and whether the quorum is reached. */
export function AttendanceCard({ meeting, quorum, onChanged }: { meeting: Meeting; quorum: Minutes['quorum'] | null; onChanged: () => void }) {
  const { t } = useI18n();
  const { token, principal } = useSignedIn();
  const unitName = useUnitName();
  const command = useCommand();
  const record = async (unitId: string, present: boolean) => {
    if (await command.run(() => api('POST', `/api/adjudication/meetings/${meeting.meetingId}/attendance`, { token, body: { unitId, present } }))) onChanged();
  };
  const editable = principal.role === 'office' && meeting.status === 'open';
  const presentOf = (unitId: string) => meeting.attendance.find((a) => a.unitId === unitId)?.present === true;
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('meeting.attendance')}
        </Typography.Title>
      }
      data-testid="attendance"
    >
      {quorum && (
        <Alert
          type={quorum.reached ? 'success' : 'warning'}
          showIcon
          data-testid="quorum"
          title={quorum.reached ? t('meeting.quorum.reached') : t('meeting.quorum.notReached')}
          description={t('meeting.quorum', { invited: quorum.invited, present: quorum.present, required: quorum.required })}
          style={{ marginBottom: 12 }}
        />
      )}
      {command.error !== null && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={command.error} />
        </div>
      )}
      <Table
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={meeting.invitedUnits.map((unitId) => ({ unitId }))}
        columns={[
          { title: t('meeting.attendance.unit'), key: 'unit', render: (_, row) => unitName(row.unitId) },
          {
            title: t('meeting.attendance.present'),
            key: 'present',
            render: (_, row) => (
              <Switch
                aria-label={t('meeting.attendance.toggle', { unit: unitName(row.unitId) })}
                data-testid={`present-${row.unitId}`}
                checked={presentOf(row.unitId)}
                disabled={!editable || command.busy}
                onChange={(present) => record(row.unitId, present)}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
