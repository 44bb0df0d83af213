import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { useLoad } from '../../api/use-load';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { readEvaluations } from './evaluation-request';

/**
 * On the station's queue and the unit's inbox: how many ended tasks await the user's rating (待评价),
 * leading to them; nothing when none does (or when the count cannot be read: the list is elsewhere).
 */
export function AwaitingEvaluationsLink({ side, changed = '' }: { side: 'station' | 'unit'; changed?: string }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const awaiting = useLoad((signal) => readEvaluations(token, { awaiting: side, page: 1, pageSize: 1 }, signal), `${token}|${side}|${changed}`);
  const total = awaiting.data?.total ?? 0;
  if (total === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="awaiting-evaluations"
      title={
        <Link to="/evaluations">{t('evaluations.awaitingLink', { count: total })}</Link>
      }
    />
  );
}
