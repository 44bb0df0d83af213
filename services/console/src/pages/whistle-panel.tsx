import { Button, Form, Input, Select } from 'antd';
import { useCatalogue } from '../api/catalogue';
import type { FieldCase } from '../api/field-types';
import { api } from '../api/client';
import { LEVELS, type CommandResult, type Level } from '../api/types';
import { useCommand } from '../components/use-command';
import { useI18n } from '../i18n/i18n';
import { useSignedIn } from '../session/session';
import { PanelBody, type PanelProps } from './station/panel';

interface WhistleForm {
  level: Level;
  units: string[];
  reason?: string;
}

const FIELDS = { level: { name: 'level', label: 'whistle.level' }, units: { name: 'units', label: 'whistle.unitsLabel' }, reason: { name: 'reason', label: 'whistle.reason' } } as const;

/**
 * 吹哨: the station picks the level (the case's own first) and the units, the catalogue's for the
 * category unless it changes them, and sees whom it will summon before it blows.
 */
export function WhistlePanel({ view, settle }: PanelProps) {
  const { t, nameOf } = useI18n();
  const { token } = useSignedIn();
  const catalogue = useCatalogue();
  const [form] = Form.useForm<WhistleForm>();
  const command = useCommand(form, FIELDS, t);
  const current = view.level ?? view.proposedLevel ?? 2;
  const level = Form.useWatch('level', form) ?? current;
  const chosen = Form.useWatch('units', form);
  const category = catalogue.categories.find((c) => c.id === view.category);
  const unitName = (id: string) => nameOf(catalogue.units.find((u) => u.id === id)?.name, id);
  const units = chosen ?? [...(category?.unitIds ?? [])];

  const submit = async (values: WhistleForm) => {
    let whistleId = '';
    const sent = await command.run(async () => {
      ({ whistleId } = await api<CommandResult & { whistleId: string }>('POST', `/api/escalation/cases/${view.id}/whistle`, {
        token,
        body: { level: values.level, units: values.units, ...(values.reason ? { reason: values.reason } : {}) },
      }));
    }, t('whistle.done'));
    // Enforcement reacts a moment after the whistle: tasks for the units at levels 2 and 3, the publicity request at level 1.
    const reacted = (next: FieldCase) =>
      values.level === 1 ? next.publicity?.whistleId === whistleId : values.level === 4 || next.tasks.some((task) => task.whistleId === whistleId);
    if (sent) await settle((next) => next.whistle?.whistleId === whistleId && reacted(next));
  };

  return (
    <PanelBody error={command.error} testId="whistle-panel">
      <Form name="whistle" form={form} layout="vertical" initialValues={{ level: current, units: category?.unitIds ?? [] }} onFinish={submit} requiredMark={false}>
        <Form.Item name="level" label={t('whistle.level')} extra={view.proposedLevel ? t('whistle.proposed', { level: t(`level.${view.proposedLevel}`) }) : undefined}>
          <Select data-testid="whistle-level" options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        </Form.Item>
        <Form.Item
          name="units"
          label={t('whistle.unitsLabel')}
          extra={t('whistle.units', { units: units.map(unitName).join('、') })}
          rules={[{ required: true, type: 'array', min: 1, message: t('whistle.unitsNeeded') }]}
        >
          <Select mode="multiple" data-testid="whistle-units" showSearch={{ optionFilterProp: 'label' }} options={catalogue.units.map((u) => ({ value: u.id, label: nameOf(u.name) }))} />
        </Form.Item>
        {level !== current && (
          <Form.Item name="reason" label={t('whistle.reason')} rules={[{ required: true, whitespace: true, message: t('whistle.reasonNeeded') }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={command.busy}>
          {t('whistle.submit')}
        </Button>
      </Form>
    </PanelBody>
  );
}
