import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { api } from '../../api/client';
import type { ReporterContact } from '../../api/field-types';
import { useLoad, type Loaded } from '../../api/use-load';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';

/** The API's bound on an access's reason. */
const REASON_MAX_LENGTH = 500;

/**
 * The reporter as the API gives it to the signed-in caller: masked at first; read in full once the
 * caller gives a reason (`reveal`), which the API records before it answers (个人信息查阅记录).
 * `key`: what else the answer depends on (e.g. the erasure), so it is read again when that changes.
 */
export function useReporterContact(caseId: string, enabled: boolean, key: string): Loaded<ReporterContact | null> & { readonly reveal: (reason: string) => void } {
  const { token } = useSignedIn();
  const [reason, setReason] = useState<string | null>(null);
  const query = reason === null ? '' : `?reason=${encodeURIComponent(reason)}`;
  const loaded = useLoad(
    (signal) => (enabled ? api<ReporterContact>('GET', `/api/intake/cases/${caseId}/reporter${query}`, { token, signal }) : Promise.resolve(null)),
    `${caseId}|${token}|${enabled}|${key}|${query}`,
  );
  return { ...loaded, reveal: setReason };
}

/** Asks why before the full name and phone are shown: the reason goes into the record with who and when. */
export function RevealReporterForm({ onReveal, busy }: { readonly onReveal: (reason: string) => void; readonly busy: boolean }) {
  const { t } = useI18n();
  return (
    <Form name="reveal-reporter" layout="vertical" requiredMark={false} onFinish={(values: { reason: string }) => onReveal(values.reason.trim())}>
      <Form.Item name="reason" label={t('reporterData.revealReason')} extra={t('reporterData.revealHint')} rules={[{ required: true, whitespace: true, message: t('reporterData.revealReasonNeeded') }]}>
        <Input maxLength={REASON_MAX_LENGTH} data-testid="reveal-reason" />
      </Form.Item>
      <Button htmlType="submit" loading={busy} data-testid="reveal-reporter">
        {t('reporterData.reveal')}
      </Button>
    </Form>
  );
}
