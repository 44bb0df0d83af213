import { useEffect } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useCatalogue } from '../../api/catalogue';
import { api } from '../../api/client';
import type { PendingCase } from '../../api/office-types';
import type { CommandResult } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand, type CommandFields } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';

const FIELDS: CommandFields = {
  scheduledAt: { name: 'scheduledAt', label: 'meetings.schedule.scheduledAt' },
  place: { name: 'place', label: 'meetings.schedule.place' },
  invitedUnits: { name: 'invitedUnits', label: 'meetings.schedule.invitedUnits' },
};

interface ScheduleForm {
  scheduledAt: Dayjs;
  place: string;
  invitedUnits: string[];
}

/** 安排会议: time, place and invited units (those the waiting cases concern, to begin with); then to the meeting's page. */
export function ScheduleMeetingForm({ pending }: { pending: readonly PendingCase[] }) {
  const { t, nameOf } = useI18n();
  const { token } = useSignedIn();
  const catalogue = useCatalogue();
  const navigate = useNavigate();
  const [form] = Form.useForm<ScheduleForm>();
  const command = useCommand(form, FIELDS, t);
  const concerned = [...new Set(pending.flatMap((p) => p.units))].sort();

  useEffect(() => {
    if (concerned.length > 0 && !form.isFieldTouched('invitedUnits') && (form.getFieldValue('invitedUnits') ?? []).length === 0) form.setFieldValue('invitedUnits', concerned);
  }, [concerned.join(','), form]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (values: ScheduleForm) => {
    const body = { scheduledAt: values.scheduledAt.format(), place: values.place, invitedUnits: values.invitedUnits };
    let meetingId = '';
    const scheduled = await command.run(async () => {
      meetingId = (await api<CommandResult>('POST', '/api/adjudication/meetings', { token, body })).id;
    });
    if (scheduled) navigate(`/meetings/${meetingId}`);
  };

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('meetings.schedule.title')}
        </Typography.Title>
      }
      data-testid="schedule-meeting"
    >
      {command.error !== null && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={command.error} />
        </div>
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ scheduledAt: dayjs().add(1, 'day').hour(9).minute(0).second(0), invitedUnits: [] }} style={{ maxWidth: 640 }}>
        <Form.Item name="scheduledAt" label={t('meetings.schedule.scheduledAt')} rules={[{ required: true, message: t('meetings.schedule.required', { what: t('meetings.schedule.scheduledAt') }) }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="meeting-time" disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
        </Form.Item>
        <Form.Item name="place" label={t('meetings.schedule.place')} rules={[{ required: true, whitespace: true, message: t('meetings.schedule.required', { what: t('meetings.schedule.place') }) }]}>
          <Input maxLength={200} data-testid="meeting-place" />
        </Form.Item>
        <Form.Item name="invitedUnits" label={t('meetings.schedule.invitedUnits')} rules={[{ type: 'array', min: 2, message: t('meetings.schedule.atLeastTwo') }]}>
          <Select mode="multiple" data-testid="meeting-units" showSearch={{ optionFilterProp: 'label' }} options={catalogue.units.map((u) => ({ value: u.id, label: nameOf(u.name) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={command.busy} data-testid="schedule-submit">
          {t('meetings.schedule.submit')}
        </Button>
      </Form>
    </Card>
  );
}
