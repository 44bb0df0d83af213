import { Button, Form, Input, Radio, Select } from 'antd';
import { api } from '../../api/client';
import type { LedgerEntry, LiaisonView } from '../../api/compound-types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { useLiaisonName } from './three-withouts-tags';

interface EntryValues {
  liaisonId: string;
  kind: 'visit' | 'help';
  date: string;
  found: string;
  done: string;
  followUp?: string;
  correctReason?: string;
}

const FIELDS = {
  liaisonId: { name: 'liaisonId', label: 'ledger.liaison' },
  kind: { name: 'kind', label: 'ledger.kind' },
  date: { name: 'date', label: 'ledger.date' },
  found: { name: 'found', label: 'ledger.found' },
  done: { name: 'done', label: 'ledger.done' },
  followUp: { name: 'followUp', label: 'ledger.followUp' },
  'corrects.reason': { name: 'correctReason', label: 'ledger.correctReason' },
} as const;

/**
 * Records a visit or help in the ledger (台账) for one of `liaisons`, or, given `corrects`, a new
 * entry that takes an earlier one's place (entries are never edited), with the reason.
 */
export function LedgerForm({ compoundId, liaisons, corrects, onDone }: { compoundId: string; liaisons: readonly LiaisonView[]; corrects?: LedgerEntry; onDone: () => void }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const liaisonName = useLiaisonName();
  const [form] = Form.useForm<EntryValues>();
  const command = useCommand(form, FIELDS, t);
  const needed = [{ required: true, whitespace: true, message: t('ledger.needed') }];
  const submit = async (v: EntryValues) => {
    const body = {
      liaisonId: v.liaisonId,
      kind: v.kind,
      date: v.date,
      found: v.found,
      done: v.done,
      ...(v.followUp ? { followUp: v.followUp } : {}),
      ...(corrects ? { corrects: { entryId: corrects.entryId, reason: v.correctReason } } : {}),
    };
    if (await command.run(() => api('POST', `/api/supervision/compounds/${compoundId}/ledger`, { token, body }), t('ledger.added'))) {
      form.resetFields();
      onDone();
    }
  };
  const initial: Partial<EntryValues> = corrects
    ? { liaisonId: corrects.liaisonId, kind: corrects.kind, date: corrects.date, found: corrects.found, done: corrects.done, followUp: corrects.followUp }
    : { kind: 'visit', ...(liaisons.length === 1 ? { liaisonId: liaisons[0]?.liaisonId } : {}) };
  return (
    <PanelBody error={command.error} testId="ledger-form">
      <Form<EntryValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={initial}>
        <Form.Item name="liaisonId" label={t('ledger.liaison')} rules={[{ required: true, message: t('ledger.needed') }]}>
          <Select data-testid="ledger-liaison" options={liaisons.map((l) => ({ value: l.liaisonId, label: liaisonName(l.liaison) }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('ledger.kind')}>
          <Radio.Group options={[{ value: 'visit', label: t('ledger.kind.visit') }, { value: 'help', label: t('ledger.kind.help') }]} />
        </Form.Item>
        <Form.Item name="date" label={t('ledger.date')} rules={needed}>
          <Input type="date" data-testid="ledger-date" />
        </Form.Item>
        <Form.Item name="found" label={t('ledger.found')} rules={needed}>
          <Input.TextArea maxLength={2000} rows={2} data-testid="ledger-found" />
        </Form.Item>
        <Form.Item name="done" label={t('ledger.done')} rules={needed}>
          <Input.TextArea maxLength={2000} rows={2} data-testid="ledger-done" />
        </Form.Item>
        <Form.Item name="followUp" label={t('ledger.followUp')}>
          <Input.TextArea maxLength={2000} rows={2} data-testid="ledger-follow-up" />
        </Form.Item>
        {corrects && (
          <Form.Item name="correctReason" label={t('ledger.correctReason')} rules={needed}>
            <Input.TextArea maxLength={1000} rows={2} data-testid="ledger-correct-reason" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={command.busy} data-testid="ledger-submit">
          {corrects ? t('ledger.correct') : t('ledger.add')}
        </Button>
      </Form>
    </PanelBody>
  );
}
