import { parseChaosOptions } from '../chaos/chaos-options';
import { formatChaosReport, runChaos, type ChaosResult } from '../chaos/chaos-run';
import { Ledger, type CaseRecord, type CommandRecord } from '../chaos/ledger';
import type { ChaosFindings } from '../chaos/chaos-checks';

/**
 * A short `npm run chaos` in the distributed suite: a few services killed with SIGKILL under a
 * load of full cases, the broker and a database restarted, and every acknowledged command held
 * to account. The long run is `npm run chaos -- --rounds 100` (README).
 */
jest.setTimeout(30 * 60_000);

let result: ChaosResult;
/** The checks run again on ledgers that claim what the system never did. */
let tampered: { lost: ChaosFindings; doubled: ChaosFindings; unknownReport: ChaosFindings };

beforeAll(async () => {
  const options = parseChaosOptions(['--rounds', '4', '--seed', '14', '--clients', '2', '--broker-restarts', '1', '--db-restarts', '1', '--pause', '4-8', '--settle', '180'], {});
  result = await runChaos(options, (line) => console.log(line), {
    probe: async (check, ledger) => {
      const closed = ledger.cases.find((c) => c.closed && c.level === 2);
      if (!closed) throw new Error('no level-2 case closed under the short run: nothing to tamper with');
      const outcome = ledger.commands.find((c) => c.caseRef === closed.ref && c.kind === 'outcome' && c.outcome === 'acknowledged');
      if (!outcome) throw new Error(`case ${closed.ref} closed without an acknowledged outcome`);
      // Each tampered ledger holds only what it is about, so the checks run again quickly.
      // An acknowledgement the stores never saw: a second outcome of the same task (lost).
      const lost = ledgerOf([closed], ledger.commands.filter((c) => c.caseRef === closed.ref), (commands) => commands.push({ ...outcome, key: 'never-sent' }));
      // The stores hold an outcome the ledger says was refused, so the one there is not owed (doubled).
      const doubled = ledgerOf([closed], ledger.commands.filter((c) => c.caseRef === closed.ref), (commands) =>
        commands.splice(commands.findIndex((c) => c.key === outcome.key), 1, { ...outcome, outcome: 'refused', events: [], status: 409 }),
      );
      // A report acknowledged whose case the intake store does not hold.
      const unknownReport = ledgerOf(
        [{ ...closed, ref: 9_999, description: 'a report nobody sent', caseId: undefined, tasks: new Map(), closed: false }],
        [{ kind: 'report', caseRef: 9_999, key: 'k', outcome: 'acknowledged', attempts: 1, events: ['intake.CaseReported.v1'], status: 201, replayed: false }],
        () => undefined,
      );
      tampered = { lost: await check(lost), doubled: await check(doubled), unknownReport: await check(unknownReport) };
    },
  });
  console.log(formatChaosReport(result));
}, 30 * 60_000);

function ledgerOf(cases: CaseRecord[], commands: readonly CommandRecord[], change: (commands: CommandRecord[]) => void): Ledger {
  const ledger = new Ledger();
  ledger.cases.push(...cases);
  ledger.commands.push(...commands.map((c) => ({ ...c })));
  change(ledger.commands);
  return ledger;
}

it('kills services and restarts the broker and a database while full cases run', () => {
  const kills = Object.values(result.faults.kills).reduce((a, b) => a + b, 0);
  expect({ rounds: result.faults.rounds, kills, broker: result.faults.restarts.kafka, databases: result.faults.restarts.postgres + result.faults.restarts.ferretdb }).toEqual({ rounds: 4, kills: 4, broker: 1, databases: 1 });
  expect(result.ledger.cases.filter((c) => c.closed).length).toBeGreaterThan(3);
});

it('loses nothing acknowledged, doubles no effect, every chain verifies, and dead-letters no healthy message', () => {
  expect(result.findings.violations).toEqual([]);
  expect(result.findings.deadLetters).toBe(0);
  expect(result.findings.casesChecked).toBe(result.ledger.cases.filter((c) => c.caseId).length);
  expect(result.findings.casesVerified).toBe(result.findings.casesChecked);
  expect(result.findings.chainsVerified).toBeGreaterThan(result.findings.casesChecked);
});

it('the checks find an acknowledged effect the stores lack, an effect the stores hold twice over, and a report never recorded', () => {
  expect(tampered.lost.violations).toEqual([expect.stringMatching(/: outcome of task .* acknowledged enforcement\.OutcomeRecorded\.v1 2 times, the stores hold it 1 times \(lost\)$/)]);
  expect(tampered.doubled.violations).toEqual([expect.stringMatching(/: outcome of task .* acknowledged enforcement\.OutcomeRecorded\.v1 0 times, the stores hold it 1 times \(doubled\)$/)]);
  expect(tampered.unknownReport.violations).toEqual([expect.stringMatching(/case 9999: its report \(acknowledged\) is recorded 0 times in the intake store/)]);
});
