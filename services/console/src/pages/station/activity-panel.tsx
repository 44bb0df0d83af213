import { Button, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCatalogue } from '../../api/catalogue';
import { api } from '../../api/client';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody, type PanelProps } from './panel';

interface ActivityForm {
  heldAt: Dayjs;
  topic: string;
  units: string[];
  attendance: number;
}

const FIELDS = {
  heldAt: { name: 'heldAt', label: 'activity.heldAt' },
  topic: { name: 'topic', label: 'activity.topic' },
  units: { name: 'units', label: 'activity.units' },
  attendance: { name: 'attendance', label: 'activity.attendance' },
} as const;

/** 宣传哨: the station records the level-1 publicity activity it held in the compound, which resolves the case. */
export function ActivityPanel({ view, settle }: PanelProps) {
  const { t, nameOf } = useI18n();
  const { token } = useSignedIn();
  const catalogue = useCatalogue();
  const [form] = Form.useForm<ActivityForm>();
  const command = useCommand(form, FIELDS, t);
  const summoned = view.publicity?.units ?? view.whistle?.units ?? [];

  const submit = async (values: ActivityForm) => {
    const body = { heldAt: values.heldAt.toISOString(), topic: values.topic, units: values.units, attendance: values.attendance };
    if (await command.run(() => api('POST', `/api/enforcement/cases/${view.id}/activities`, { token, body }), t('activity.done'))) {
      await settle((next) => next.publicity?.status === 'held');
    }
  };

  return (
    <PanelBody error={command.error} testId="activity-panel">
      <Form name="activity" form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ heldAt: dayjs(), units: summoned, attendance: 0 }}>
        <Form.Item name="heldAt" label={t('activity.heldAt')} rules={[{ required: true, message: t('activity.heldAtNeeded') }]}>
          <DatePicker showTime style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="topic" label={t('activity.topic')} rules={[{ required: true, whitespace: true, message: t('activity.topicNeeded') }]}>
          <Input maxLength={500} data-testid="activity-topic" />
        </Form.Item>
        <Form.Item name="units" label={t('activity.units')} rules={[{ required: true, type: 'array', min: 1, message: t('activity.unitsNeeded') }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={catalogue.units.map((u) => ({ value: u.id, label: nameOf(u.name) }))} />
        </Form.Item>
        <Form.Item name="attendance" label={t('activity.attendance')} rules={[{ required: true, message: t('activity.attendanceNeeded') }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={command.busy}>
          {t('activity.submit')}
        </Button>
      </Form>
    </PanelBody>
  );
}
