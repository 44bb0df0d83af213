import { Button, Form, Input, Radio, Select } from 'antd';
import { api } from '../../api/client';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { useNames } from '../supervision/names';
import { PanelBody } from '../station/panel';

interface LiaisonValues {
  kind: 'leader' | 'department';
  name?: string;
  post?: string;
  unitId?: string;
  reason: string;
}

const FIELDS = {
  'liaison.name': { name: 'name', label: 'liaison.name' },
  'liaison.post': { name: 'post', label: 'liaison.post' },
  'liaison.unitId': { name: 'unitId', label: 'liaison.unit' },
  reason: { name: 'reason', label: 'compound.reason' },
} as const;

/** Assigns a leader (by name and post) or a department (a unit) to liaise with the compound (联系小区), with a reason. */
export function LiaisonForm({ compoundId, onDone }: { compoundId: string; onDone: () => void }) {
  const { t, nameOf } = useI18n();
  const { token } = useSignedIn();
  const { catalogue } = useNames();
  const [form] = Form.useForm<LiaisonValues>();
  const command = useCommand(form, FIELDS, t);
  const needed = [{ required: true, whitespace: true, message: t('ledger.needed') }];
  const submit = async (v: LiaisonValues) => {
    const liaison = v.kind === 'leader' ? { kind: v.kind, name: v.name, post: v.post } : { kind: v.kind, unitId: v.unitId };
    if (await command.run(() => api('POST', `/api/supervision/compounds/${compoundId}/liaisons`, { token, body: { liaison, reason: v.reason } }), t('liaison.assigned'))) {
      form.resetFields();
      onDone();
    }
  };
  return (
    <PanelBody error={command.error} testId="liaison-form">
      <Form<LiaisonValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ kind: 'leader' }}>
        <Form.Item name="kind" label={t('liaison.kind')}>
          <Radio.Group data-testid="liaison-kind" options={[{ value: 'leader', label: t('liaison.kind.leader') }, { value: 'department', label: t('liaison.kind.department') }]} />
        </Form.Item>
        <Form.Item noStyle dependencies={['kind']}>
          {({ getFieldValue }) =>
            getFieldValue('kind') === 'leader' ? (
              <>
                <Form.Item name="name" label={t('liaison.name')} rules={needed}>
                  <Input maxLength={50} data-testid="liaison-name" />
                </Form.Item>
                <Form.Item name="post" label={t('liaison.post')} rules={needed}>
                  <Input maxLength={100} data-testid="liaison-post" />
                </Form.Item>
              </>
            ) : (
              <Form.Item name="unitId" label={t('liaison.unit')} rules={[{ required: true, message: t('ledger.needed') }]}>
                <Select data-testid="liaison-unit" showSearch optionFilterProp="label" options={catalogue.units.map((u) => ({ value: u.id, label: nameOf(u.name, u.id) }))} />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item name="reason" label={t('compound.reason')} rules={needed}>
          <Input.TextArea maxLength={1000} rows={2} data-testid="liaison-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={command.busy} data-testid="liaison-submit">
          {t('liaison.assign')}
        </Button>
      </Form>
    </PanelBody>
  );
}
