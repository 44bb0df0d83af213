import { Button, Form, Input, InputNumber, Radio, Space } from 'antd';
import { api } from '../../api/client';
import type { CompoundProfile, CompoundProfileView } from '../../api/compound-types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';

interface ProfileValues {
  committee: boolean;
  termFrom?: string;
  termTo?: string;
  branch: boolean;
  secretary?: string;
  handover: 'not_handed_over' | 'handed_over';
  handoverDate?: string;
  grids: { name: string; workers?: string }[];
  partyMembers: number;
  households: number;
  reason: string;
}

const FIELDS = {
  'ownersCommittee.termFrom': { name: 'termFrom', label: 'compound.termFrom' },
  'ownersCommittee.termTo': { name: 'termTo', label: 'compound.termTo' },
  'partyBranch.secretary': { name: 'secretary', label: 'compound.secretary' },
  'handover.date': { name: 'handoverDate', label: 'compound.handoverDate' },
  partyMembers: { name: 'partyMembers', label: 'compound.partyMembers' },
  households: { name: 'households', label: 'compound.households' },
  grids: { name: 'grids', label: 'compound.grids' },
  reason: { name: 'reason', label: 'compound.reason' },
} as const;

const workersOf = (text: string | undefined): string[] => (text ?? '').split(/[、,，;；\n]/).map((w) => w.trim()).filter((w) => w !== '');

/** Records the whole profile of a compound as it now stands, with a reason, pinned to the revision the page read. */
export function ProfileForm({ view, onDone }: { view: CompoundProfileView; onDone: () => void }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<ProfileValues>();
  const command = useCommand(form, FIELDS, t);
  const p = view.profile;
  const initial: Partial<ProfileValues> = {
    committee: p?.ownersCommittee.present ?? false,
    ...(p?.ownersCommittee.present ? { termFrom: p.ownersCommittee.termFrom, termTo: p.ownersCommittee.termTo } : {}),
    branch: p?.partyBranch.present ?? false,
    ...(p?.partyBranch.present ? { secretary: p.partyBranch.secretary } : {}),
    handover: p?.handover.status ?? 'not_handed_over',
    ...(p?.handover.status === 'handed_over' ? { handoverDate: p.handover.date } : {}),
    grids: (p?.grids ?? []).map((g) => ({ name: g.name, workers: g.workers.join('、') })),
    partyMembers: p?.partyMembers ?? 0,
    households: p?.households ?? 0,
  };
  const submit = async (v: ProfileValues) => {
    const profile: CompoundProfile = {
      ownersCommittee: v.committee ? { present: true, termFrom: v.termFrom ?? '', termTo: v.termTo ?? '' } : { present: false },
      partyBranch: v.branch ? { present: true, secretary: v.secretary ?? '' } : { present: false },
      handover: v.handover === 'handed_over' ? { status: 'handed_over', date: v.handoverDate ?? '' } : { status: 'not_handed_over' },
      grids: (v.grids ?? []).map((g) => ({ name: g.name, workers: workersOf(g.workers) })),
      partyMembers: v.partyMembers,
      households: v.households,
    };
    const body = { ...profile, reason: v.reason };
    const ifMatch = view.revision >= 0 ? view.revision : undefined;
    if (await command.run(() => api('PUT', `/api/supervision/compounds/${view.compoundId}/profile`, { token, body, ...(ifMatch === undefined ? {} : { ifMatch }) }), t('compound.saved'))) onDone();
  };
  const needed = [{ required: true, message: t('ledger.needed') }];
  return (
    <PanelBody error={command.error} testId="profile-form">
      <Form<ProfileValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={initial}>
        <Form.Item name="committee" label={t('compound.ownersCommittee')}>
          <Radio.Group data-testid="profile-committee" options={[{ value: true, label: t('compound.ownersCommittee.present') }, { value: false, label: t('compound.absent') }]} />
        </Form.Item>
        <Form.Item noStyle dependencies={['committee']}>
          {({ getFieldValue }) =>
            getFieldValue('committee') === true && (
              <Space wrap>
                <Form.Item name="termFrom" label={t('compound.termFrom')} rules={needed}>
                  <Input type="date" data-testid="profile-term-from" />
                </Form.Item>
                <Form.Item name="termTo" label={t('compound.termTo')} rules={needed}>
                  <Input type="date" data-testid="profile-term-to" />
                </Form.Item>
              </Space>
            )
          }
        </Form.Item>
        <Form.Item name="branch" label={t('compound.partyBranch')}>
          <Radio.Group data-testid="profile-branch" options={[{ value: true, label: t('compound.ownersCommittee.present') }, { value: false, label: t('compound.absent') }]} />
        </Form.Item>
        <Form.Item noStyle dependencies={['branch']}>
          {({ getFieldValue }) =>
            getFieldValue('branch') === true && (
              <Form.Item name="secretary" label={t('compound.secretary')} rules={[{ required: true, whitespace: true, message: t('ledger.needed') }]}>
                <Input maxLength={50} data-testid="profile-secretary" />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item name="handover" label={t('compound.handoverStatus')}>
          <Radio.Group
            data-testid="profile-handover"
            options={[
              { value: 'not_handed_over', label: t('compound.handover.not_handed_over') },
              { value: 'handed_over', label: t('compound.handover.handed_over', { date: '…' }) },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle dependencies={['handover']}>
          {({ getFieldValue }) =>
            getFieldValue('handover') === 'handed_over' && (
              <Form.Item name="handoverDate" label={t('compound.handoverDate')} rules={needed}>
                <Input type="date" data-testid="profile-handover-date" />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item label={t('compound.grids')}>
          <Form.List name="grids">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Space key={field.key} wrap align="baseline">
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('ledger.needed') }]}>
                      <Input placeholder={t('compound.gridName')} maxLength={50} data-testid="profile-grid-name" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'workers']}>
                      <Input placeholder={t('compound.gridWorkers')} data-testid="profile-grid-workers" />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>−</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ name: '', workers: '' })} data-testid="profile-add-grid">
                  {t('compound.addGrid')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Space wrap>
          <Form.Item name="partyMembers" label={t('compound.partyMembers')} rules={needed}>
            <InputNumber min={0} precision={0} data-testid="profile-party-members" />
          </Form.Item>
          <Form.Item name="households" label={t('compound.households')} rules={needed}>
            <InputNumber min={0} precision={0} data-testid="profile-households" />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('compound.reason')} rules={[{ required: true, whitespace: true, message: t('compound.reasonNeeded') }]}>
          <Input.TextArea maxLength={1000} rows={2} data-testid="profile-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={command.busy} data-testid="profile-submit">
          {t('compound.edit')}
        </Button>
      </Form>
    </PanelBody>
  );
}
