import { Button, Form, Input, Select } from 'antd';
import { api } from '../../api/client';
import { LEVELS, type Level } from '../../api/types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody, type PanelProps } from './panel';

interface LevelForm {
  level: Level;
  reason: string;
}

const FIELDS = { level: { name: 'level', label: 'levelChange.level' }, reason: { name: 'reason', label: 'levelChange.reason' } } as const;

/** 升级/降级: the station raises or lowers the level with a reason; the round under way ends and the case waits for a new whistle (level 4: the joint meeting). */
export function LevelPanel({ view, settle }: PanelProps) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<LevelForm>();
  const command = useCommand(form, FIELDS, t);
  const others = LEVELS.filter((l) => l !== view.level);

  const submit = async (values: LevelForm) => {
    const sent = await command.run(() => api('POST', `/api/escalation/cases/${view.id}/level`, { token, body: values }), t('levelChange.done', { level: t(`level.${values.level}`) }));
    if (!sent) return;
    form.resetFields();
    await settle((next) => next.level === values.level);
  };

  return (
    <PanelBody error={command.error} testId="level-panel">
      <Form name="level-change" form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="level" label={t('levelChange.level')} rules={[{ required: true, message: t('levelChange.levelNeeded') }]}>
          <Select
            data-testid="level-select"
            options={others.map((l) => ({ value: l, label: `${t(view.level !== null && l > view.level ? 'levelChange.raise' : 'levelChange.lower')} · ${t(`level.${l}`)}` }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('levelChange.reason')} rules={[{ required: true, whitespace: true, message: t('levelChange.reasonNeeded') }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="level-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={command.busy}>
          {t('levelChange.submit')}
        </Button>
      </Form>
    </PanelBody>
  );
}
