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
 * The reporter as the API gives it to the signed-in caller: masked (a GET, read again whenever the
 * token or `key` changes, recording nothing); in full once the caller gives a reason (`reveal`, one
 * POST per reason given, which the API records before it answers: 个人信息查阅记录). The full answer is
 * kept for this case and `key` only; a token refresh reads the masked data again but never sends the
 * POST again, so it records no access the user did not ask for.
 * `key`: what else the answer depends on (e.g. the erasure), so it is read again when that changes.
 */
export function useReporterContact(caseId: string, enabled: boolean, key: string): Loaded<ReporterContact | null> & { readonly reveal: (reason: string) => void } {
  const { token } = useSignedIn();
  const masked = useLoad(
    (signal) => (enabled ? api<ReporterContact>('GET', `/api/intake/cases/${caseId}/reporter`, { token, signal }) : Promise.resolve(null)),
    `${caseId}|${token}|${enabled}|${key}`,
  );
  const shown = `${caseId}|${enabled}|${key}`;
  const [disclosure, setDisclosure] = useState<{ readonly of: string; readonly data?: ReporterContact; readonly error?: unknown; readonly busy: boolean } | null>(null);
  const current = disclosure?.of === shown ? disclosure : null;
  const reveal = (reason: string) => {
    setDisclosure({ of: shown, busy: true });
    api<ReporterContact>('POST', `/api/intake/cases/${caseId}/reporter/disclosures`, { token, body: { reason } }).then(
      (data) => setDisclosure({ of: shown, data, busy: false }),
      (error: unknown) => setDisclosure({ of: shown, error, busy: false }),
    );
  };
  const reload = () => {
    if (current?.error !== undefined) setDisclosure(null);
    masked.reload();
  };
  return { data: current?.data ?? masked.data, error: current?.error ?? masked.error, loading: masked.loading || current?.busy === true, reload, reveal };
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
