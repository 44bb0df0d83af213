import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useCatalogue } from '../../api/catalogue';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.zh-CN';
import { useSignedIn } from '../../session/session';
import { useUnitName } from './unit-names';

/**
 * Each form keeps what was typed when the API refuses it, and clears only once the command is
 * recorded. `labels` names each field as the API and the form both call it.
 */
function useAgendaForm<V extends object>(path: string, onDone: () => void, labels: Readonly<Record<string, MessageKey>>, body: (values: V) => unknown) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<V>();
  const command = useCommand(form, Object.fromEntries(Object.entries(labels).map(([name, label]) => [name, { name, label }])), t);
  const submit = async (values: V) => {
    if (await command.run(() => api('POST', path, { token, body: body(values) }))) {
      form.resetFields();
      onDone();
    }
  };
  return { form, command, submit };
}

const required = (t: (key: MessageKey, values?: Record<string, string>) => string, label: MessageKey) => [{ required: true, whitespace: true, message: t('meeting.required', { what: t(label) }) }];

export function OpinionForm({ path, present, onDone }: { path: string; present: readonly string[]; onDone: () => void }) {
  const { t } = useI18n();
  const unitName = useUnitName();
  const { form, command, submit } = useAgendaForm<{ unitId: string; opinion: string }>(path, onDone, { unitId: 'meeting.opinion.unit', opinion: 'meeting.opinion.text' }, (v) => v);
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="opinion-form">
      {command.error !== null && <ErrorAlert error={command.error} />}
      <Form.Item name="unitId" label={t('meeting.opinion.unit')} rules={required(t, 'meeting.opinion.unit')}>
        <Select data-testid="opinion-unit" showSearch={{ optionFilterProp: 'label' }} options={present.map((u) => ({ value: u, label: unitName(u) }))} />
      </Form.Item>
      <Form.Item name="opinion" label={t('meeting.opinion.text')} rules={required(t, 'meeting.opinion.text')}>
        <Input.TextArea rows={2} maxLength={4000} data-testid="opinion-text" />
      </Form.Item>
      <Button htmlType="submit" loading={command.busy} data-testid="opinion-submit">
        {t('meeting.opinion.submit')}
      </Button>
    </Form>
  );
}

interface ResolutionValues {
  leadUnit: string;
  supportingUnits?: string[];
  measures: string;
  deadline?: Dayjs;
}

export function ResolutionForm({ path, present, onDone }: { path: string; present: readonly string[]; onDone: () => void }) {
  const { t, nameOf } = useI18n();
  const catalogue = useCatalogue();
  const unitName = useUnitName();
  const { form, command, submit } = useAgendaForm<ResolutionValues>(
    path,
    onDone,
    { leadUnit: 'meeting.resolution.lead', supportingUnits: 'meeting.resolution.supporting', measures: 'meeting.resolution.measures', deadline: 'meeting.resolution.deadline' },
    (v) => ({ leadUnit: v.leadUnit, supportingUnits: v.supportingUnits ?? [], measures: v.measures, ...(v.deadline ? { deadline: v.deadline.format() } : {}) }),
  );
  const lead = Form.useWatch('leadUnit', form);
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="resolution-form">
      {command.error !== null && <ErrorAlert error={command.error} />}
      <Form.Item name="leadUnit" label={t('meeting.resolution.lead')} rules={required(t, 'meeting.resolution.lead')}>
        <Select data-testid="resolution-lead" showSearch={{ optionFilterProp: 'label' }} options={present.map((u) => ({ value: u, label: unitName(u) }))} />
      </Form.Item>
      <Form.Item name="supportingUnits" label={t('meeting.resolution.supporting')}>
        <Select mode="multiple" data-testid="resolution-supporting" showSearch={{ optionFilterProp: 'label' }} options={catalogue.units.filter((u) => u.id !== lead).map((u) => ({ value: u.id, label: nameOf(u.name) }))} />
      </Form.Item>
      <Form.Item name="measures" label={t('meeting.resolution.measures')} rules={required(t, 'meeting.resolution.measures')}>
        <Input.TextArea rows={3} maxLength={4000} data-testid="resolution-measures" />
      </Form.Item>
      <Form.Item name="deadline" label={t('meeting.resolution.deadline')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={command.busy} data-testid="resolution-submit">
        {t('meeting.resolution.submit')}
      </Button>
    </Form>
  );
}

export function DeferForm({ path, onDone }: { path: string; onDone: () => void }) {
  const { t } = useI18n();
  const { form, command, submit } = useAgendaForm<{ reason: string }>(path, onDone, { reason: 'meeting.defer.reason' }, (v) => v);
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="defer-form">
      {command.error !== null && <ErrorAlert error={command.error} />}
      <Form.Item name="reason" label={t('meeting.defer.reason')} rules={required(t, 'meeting.defer.reason')}>
        <Input maxLength={1000} data-testid="defer-reason" />
      </Form.Item>
      <Button htmlType="submit" loading={command.busy} data-testid="defer-submit">
        {t('meeting.defer.submit')}
      </Button>
    </Form>
  );
}
