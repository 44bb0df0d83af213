import { Alert, Card, Steps } from 'antd';
import type { FieldCase } from '../../api/field-types';
import type { CaseStatus } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.zh-CN';

const STEPS = ['reported', 'whistled', 'in_progress', 'resolved', 'closed'] as const;
type Step = (typeof STEPS)[number];

/** Where an open case stands among the steps a reporter follows; null for a case that left them. */
function stepOf(status: CaseStatus): Step | null {
  switch (status) {
    case 'reported':
    case 'triaged':
    case 'reopened':
      return 'reported';
    case 'whistled':
      return 'whistled';
    case 'in_progress':
    case 'adjudicating':
      return 'in_progress';
    case 'resolved':
      return 'resolved';
    case 'closed':
      return 'closed';
    case 'withdrawn':
    case 'rejected':
    case 'duplicate':
    case 'merged':
    case 'referred_upward':
      return null;
  }
}

const ENDED: Partial<Record<CaseStatus, MessageKey>> = {
  withdrawn: 'progress.ended.withdrawn',
  rejected: 'progress.ended.rejected',
  duplicate: 'progress.ended.duplicate',
  merged: 'progress.ended.merged',
  referred_upward: 'progress.ended.referred_upward',
};

/** A reporter's view of a case: how far it has come, in plain steps, or why it left them. */
export function CaseProgress({ view }: { view: FieldCase }) {
  const { t } = useI18n();
  const step = stepOf(view.status);
  const ended = ENDED[view.status];
  return (
    <Card size="small" data-testid="case-progress">
      {step === null ? (
        <Alert type="info" showIcon title={ended ? t(ended) : t(`status.${view.status}`)} description={view.rejection ? `${t(`reject.code.${view.rejection.code}`)}：${view.rejection.reason}` : undefined} />
      ) : (
        <Steps
          size="small"
          current={STEPS.indexOf(step)}
          items={STEPS.map((s) => ({ title: t(`progress.${s}`) }))}
          aria-label={t('progress.label', { step: t(`progress.${step}`) })}
        />
      )}
    </Card>
  );
}
