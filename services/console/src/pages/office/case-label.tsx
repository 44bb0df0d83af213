import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { CaseDetail } from '../../api/types';
import { useLoad } from '../../api/use-load';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';

/** A case named by its category and compound (read from the read side), linking to its page; its number until that is known. */
export function CaseLabel({ caseId, to = `/cases/${caseId}` }: { caseId: string; to?: string }) {
  const { nameOf } = useI18n();
  const { token } = useSignedIn();
  const view = useLoad((signal) => api<CaseDetail>('GET', `/api/query/cases/${caseId}`, { token, signal }), `${token}|${caseId}`);
  const c = view.data;
  return (
    <Link to={to} data-testid={`case-label-${caseId}`}>
      {c ? `${nameOf(c.categoryName, c.category)} · ${nameOf(c.compoundName, c.compoundId)}` : caseId.slice(0, 8)}
    </Link>
  );
}
