/**
 * What the stores' count of a command's own event says against what the ledger owes. Acknowledged
 * commands are owed exactly. A command whose tries all went unanswered (`failed`) may have taken
 * effect once. An `unconfirmed` one went unanswered and then was refused as already done (404/409):
 * its effect recorded once means a retry under its Idempotency-Key was refused where it should
 * have been replayed, a defect of its own, not a doubled effect.
 */
export function effectCountProblem(count: { readonly expected: number; readonly found: number; readonly failed: number; readonly unconfirmed: number }): 'lost' | 'doubled' | 'retry refused instead of replayed' | null {
  const { expected, found, failed, unconfirmed } = count;
  if (found < expected) return 'lost';
  if (found > expected + failed + unconfirmed) return 'doubled';
  if (found > expected + failed) return 'retry refused instead of replayed';
  return null;
}
