import { Button, Form, Input, Select } from 'antd';
import { api } from '../../api/client';
import type { FirmView } from '../../api/supervision-types';
import type { CommandResult } from '../../api/types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { useNames } from './names';

interface FirmValues {
  name: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  compoundIds: string[];
  reason?: string;
}

const FIELDS = {
  name: { name: 'name', label: 'firm.name' },
  creditCode: { name: 'creditCode', label: 'firm.creditCode' },
  'contact.name': { name: 'contactName', label: 'firm.contactName' },
  'contact.phone': { name: 'contactPhone', label: 'firm.contactPhone' },
  contact: { name: 'contactName', label: 'firm.contact' },
  compoundIds: { name: 'compoundIds', label: 'firm.compounds' },
  reason: { name: 'reason', label: 'firm.reason' },
} as const;

/** 统一社会信用代码: 18 characters of digits and capitals without I, O, S, V, Z. */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * Registers a property firm (物业企业), or, given `firm`, changes its name, contact or compounds with
 * a reason (the credit code never changes). `onDone` gets the firm's id.
 */
export function FirmForm({ firm, onDone }: { firm?: FirmView; onDone: (firmId: string) => void }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const names = useNames();
  const [form] = Form.useForm<FirmValues>();
  const command = useCommand(form, FIELDS, t);
  const submit = async (v: FirmValues) => {
    const contact = { name: v.contactName, phone: v.contactPhone };
    let firmId = firm?.id ?? '';
    const sent = await command.run(async () => {
      if (firm) {
        const changed = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
        const body = {
          ...(v.name !== firm.name ? { name: v.name } : {}),
          ...(changed(contact, firm.contact) ? { contact } : {}),
          ...(changed([...v.compoundIds].sort(), [...firm.compoundIds].sort()) ? { compoundIds: v.compoundIds } : {}),
          reason: v.reason,
        };
        await api('POST', `/api/supervision/firms/${firm.id}/changes`, { token, body });
      } else {
        firmId = (await api<CommandResult>('POST', '/api/supervision/firms', { token, body: { name: v.name, creditCode: v.creditCode, contact, compoundIds: v.compoundIds } })).id;
      }
    }, t(firm ? 'firm.changed' : 'firm.registered'));
    if (sent) {
      if (!firm) form.resetFields();
      else form.resetFields(['reason']);
      onDone(firmId);
    }
  };
  const initial = firm ? { name: firm.name, creditCode: firm.creditCode, contactName: firm.contact?.name, contactPhone: firm.contact?.phone, compoundIds: [...firm.compoundIds] } : { compoundIds: [] };
  return (
    <PanelBody error={command.error} testId={firm ? 'firm-change-form' : 'firm-register-form'}>
      <Form<FirmValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={initial}>
        <Form.Item name="name" label={t('firm.name')} rules={[{ required: true, whitespace: true, message: t('firm.nameNeeded') }]}>
          <Input maxLength={200} data-testid="firm-name" />
        </Form.Item>
        {!firm && (
          <Form.Item name="creditCode" label={t('firm.creditCode')} extra={t('firm.creditCode.help')} rules={[{ required: true, pattern: CREDIT_CODE, message: t('firm.creditCodeInvalid') }]} normalize={(v: string) => v.toUpperCase()}>
            <Input maxLength={18} data-testid="firm-credit-code" />
          </Form.Item>
        )}
        <Form.Item name="contactName" label={t('firm.contactName')} rules={[{ required: true, whitespace: true, message: t('firm.contactNeeded') }]}>
          <Input maxLength={50} data-testid="firm-contact-name" />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('firm.contactPhone')} rules={[{ required: true, whitespace: true, message: t('firm.contactNeeded') }]}>
          <Input maxLength={30} data-testid="firm-contact-phone" />
        </Form.Item>
        <Form.Item name="compoundIds" label={t('firm.compounds')} rules={[{ required: true, type: 'array', min: 1, message: t('firm.compoundsNeeded') }]}>
          <Select mode="multiple" aria-label={t('firm.compounds')} data-testid="firm-compounds" showSearch={{ optionFilterProp: 'label' }} options={names.catalogue.compounds.map((c) => ({ value: c.id, label: names.compound(c.id) }))} />
        </Form.Item>
        {firm && (
          <Form.Item name="reason" label={t('firm.reason')} rules={[{ required: true, whitespace: true, message: t('firm.reasonNeeded') }]}>
            <Input maxLength={500} data-testid="firm-reason" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={command.busy} data-testid="firm-submit">
          {t(firm ? 'firm.change' : 'firm.register')}
        </Button>
      </Form>
    </PanelBody>
  );
}
