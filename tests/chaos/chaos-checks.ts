import { SERVICES, TOPICS, dlqOf } from '@whistle/contracts';
import type { DistributedSystem } from '@whistle/deployment';
import { ApiClient, roles } from '../e2e/support/api-client';
import { consumeAll, headerOf } from '../distributed/kcat';
import { effectCountProblem } from './effect-count';
import { attempt, sleep } from './http-attempt';
import type { CaseRecord, CommandKind, CommandRecord, Ledger } from './ledger';

/** What the end of a chaos run found. */
export interface ChaosFindings {
  casesChecked: number;
  /** streams whose hash chain the audit recomputed and found whole, over every store */
  chainsVerified: number;
  /** the events in them */
  eventsVerified: number;
  /** the per-case verifications that came back whole */
  casesVerified: number;
  deadLetters: number;
  /** seconds from the end of the load to a read side showing every acknowledged effect */
  settledInSeconds: number;
  readonly violations: string[];
}

interface HistoryEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly data: { readonly whistleId?: string; readonly unitId?: string } | null;
}

/** The event each command of a full case records once when it is taken. */
const OWN_EVENT: Readonly<Record<CommandKind, string>> = {
  report: 'intake.CaseReported.v1',
  whistle: 'escalation.WhistleBlown.v1',
  activity: 'enforcement.ActivityRecorded.v1',
  'report-in': 'enforcement.TaskReportedIn.v1',
  accept: 'enforcement.TaskAccepted.v1',
  action: 'enforcement.ActionRecorded.v1',
  outcome: 'enforcement.OutcomeRecorded.v1',
  callback: 'intake.CallbackRecorded.v1',
};

/** The events a command's acknowledgement named, where they must be: the task's stream for a task command, anywhere in the case otherwise. */
function eventsOf(command: CommandRecord, history: readonly HistoryEvent[], type: string): number {
  return history.filter((e) => e.type === type && (command.taskId === undefined || e.streamId === `task-${command.taskId}`)).length;
}

/**
 * Holds the system to what it acknowledged, once it settled: every acknowledged command's events
 * in the stores (the audit's history reads them) exactly once, or at most once more for a command
 * whose try went unanswered; each report recorded once; each whistle's tasks assigned once each;
 * the read side showing every acknowledged step; every hash chain whole; no dead letter.
 */
export class ChaosChecks {
  private readonly auditor: ApiClient;
  private readonly office: ApiClient;

  constructor(
    private readonly system: DistributedSystem,
    private readonly brokers: readonly string[],
    private readonly namespace: string,
    private readonly ledger: Ledger,
  ) {
    this.auditor = new ApiClient(system.baseUrl, roles.auditor());
    this.office = new ApiClient(system.baseUrl, roles.office());
  }

  async run(settleMs: number): Promise<ChaosFindings> {
    const findings: ChaosFindings = { casesChecked: 0, chainsVerified: 0, eventsVerified: 0, casesVerified: 0, deadLetters: 0, settledInSeconds: 0, violations: [] };
    const violations = findings.violations;
    const started = Date.now();
    const unsettled = await this.settle(settleMs);
    findings.settledInSeconds = Math.round((Date.now() - started) / 1000);
    violations.push(...unsettled.map((why) => `lost on the read side after ${settleMs / 1000} s: ${why}`));

    const internal = this.ledger.answers.get(500) ?? 0;
    if (internal > 0) violations.push(`${internal} command tries answered 500 (internal error)`);
    for (const command of this.ledger.commands) {
      const refusedOddly = command.outcome === 'refused' && command.status !== 404 && command.status !== 409;
      if (refusedOddly || command.outcome === 'failed') violations.push(`case ${command.caseRef}: ${command.kind} ${command.outcome} after ${command.attempts} tries: ${command.why ?? ''}`);
    }

    await this.checkReports(violations);
    for (const record of this.ledger.cases) {
      if (!record.caseId) continue;
      findings.casesChecked += 1;
      await this.checkHistory(record, violations);
      const verified = await this.auditor.post('/api/audit/verify', { caseId: record.caseId });
      if (verified.status === 200 && verified.body.ok === true) findings.casesVerified += 1;
      else violations.push(`case ${record.ref} (${record.caseId}) does not verify: ${verified.status} ${JSON.stringify(verified.body.breaks ?? verified.body).slice(0, 500)}`);
    }

    const all = await this.auditor.post('/api/audit/verify', {});
    if (all.status === 200 && all.body.ok === true) {
      findings.chainsVerified = Number(all.body.checkedStreams);
      findings.eventsVerified = Number(all.body.checkedEvents);
    } else violations.push(`the stores do not verify: ${all.status} ${JSON.stringify(all.body.breaks ?? all.body).slice(0, 1_000)}`);

    const letters = this.deadLetters();
    findings.deadLetters = letters.length;
    for (const letter of letters.slice(0, 20)) violations.push(`dead letter: ${letter}`);
    if (letters.length > 20) violations.push(`… and ${letters.length - 20} more dead letters`);
    return findings;
  }

  /**
   * Waits until the read side shows every acknowledged step; returns what still does not hold.
   * (Not the consumer groups' committed offsets: after a broker restart a group's last commit can
   * fail with NOT_COORDINATOR and wait for the next message, which redelivers at worst, and the
   * consumers ignore what they already applied.)
   */
  private async settle(settleMs: number): Promise<string[]> {
    const until = Date.now() + settleMs;
    let missing: string[] = ['nothing looked at yet'];
    while (Date.now() < until) {
      missing = [];
      for (const record of this.ledger.cases) missing.push(...(await this.viewProblems(record)));
      if (missing.length === 0) return [];
      await sleep(2_000);
    }
    return missing;
  }

  private acknowledged(record: CaseRecord, kind: CommandRecord['kind']): CommandRecord[] {
    return this.ledger.commands.filter((c) => c.caseRef === record.ref && c.kind === kind && c.outcome === 'acknowledged');
  }

  /** What the read side's view of the case lacks of what was acknowledged. */
  private async viewProblems(record: CaseRecord): Promise<string[]> {
    if (!record.caseId) return [];
    const answer = await attempt(this.system.baseUrl, 'GET', `/api/query/cases/${record.caseId}`, this.office.token, { timeoutMs: 30_000 });
    const name = `case ${record.ref} (${record.caseId})`;
    if (!answer.answered || answer.status !== 200) return [`${name}: the read side answers ${answer.answered ? answer.status : answer.error}`];
    const view = answer.body;
    const problems: string[] = [];
    if (record.whistleId && record.level === 2) {
      const tasks = (view.tasks ?? []).filter((t) => t.whistleId === record.whistleId);
      const units = tasks.map((t) => t.unitId).sort();
      if (JSON.stringify(units) !== JSON.stringify([...record.units].sort())) problems.push(`${name}: tasks of the whistle for ${units.join(', ') || 'no unit'}, not ${record.units.join(', ')}`);
      for (const outcome of this.acknowledged(record, 'outcome')) {
        const task = tasks.find((t) => t.taskId === outcome.taskId);
        if (task?.status !== 'done') problems.push(`${name}: task ${outcome.taskId} is ${task?.status ?? 'missing'} though its outcome was acknowledged`);
      }
    }
    const worked = record.level === 1 ? this.acknowledged(record, 'activity').length > 0 : record.units.length > 0 && this.acknowledged(record, 'outcome').length === record.units.length;
    if (this.acknowledged(record, 'callback').length > 0) {
      if (view.status !== 'closed') problems.push(`${name}: ${view.status} though its callback was acknowledged`);
    } else if (worked && view.status !== 'resolved' && view.status !== 'closed') {
      problems.push(`${name}: ${view.status} though all its work was acknowledged`);
    }
    return problems;
  }

  /** Each acknowledged report recorded once in the intake store; a report never acknowledged at most once. */
  private async checkReports(violations: string[]): Promise<void> {
    const store = await this.system.openStore('intake');
    try {
      const reports = (await store.readAll({ from: -1n, maxCount: 10_000_000 })).map((p) => p.event).filter((e) => e.type === 'intake.CaseReported.v1');
      for (const record of this.ledger.cases) {
        const recorded = reports.filter((e) => JSON.stringify(e.data).includes(record.description));
        const report = this.ledger.commands.find((c) => c.caseRef === record.ref && c.kind === 'report');
        const most = report?.outcome === 'refused' ? 0 : 1;
        const least = report?.outcome === 'acknowledged' ? 1 : 0;
        if (recorded.length < least || recorded.length > most) {
          violations.push(`case ${record.ref}: its report (${report?.outcome}) is recorded ${recorded.length} times in the intake store (${recorded.map((e) => e.caseId).join(', ')})`);
        }
        if (record.caseId && recorded.length === 1 && recorded[0]?.caseId !== record.caseId) violations.push(`case ${record.ref}: acknowledged as ${record.caseId}, recorded as ${recorded[0]?.caseId}`);
      }
    } finally {
      await store.close();
    }
  }

  /** The case's history against its acknowledged commands and the reactions they call for. */
  private async checkHistory(record: CaseRecord, violations: string[]): Promise<void> {
    const name = `case ${record.ref} (${record.caseId})`;
    const answer = await this.auditor.get(`/api/audit/cases/${record.caseId}/history`);
    if (answer.status !== 200) {
      violations.push(`${name}: its history answers ${answer.status}`);
      return;
    }
    const history = answer.body.events as HistoryEvent[];
    if (new Set(history.map((e) => e.eventId)).size !== history.length) violations.push(`${name}: an event is in its history twice`);
    const commands = this.ledger.commands.filter((c) => c.caseRef === record.ref);
    // Commands of one kind on one stream, counted together: a task's one outcome, the case's one callback.
    const groups = new Map<string, CommandRecord[]>();
    for (const command of commands) groups.set(`${command.kind} ${command.taskId ?? ''}`, [...(groups.get(`${command.kind} ${command.taskId ?? ''}`) ?? []), command]);
    for (const group of groups.values()) {
      const first = group[0]!;
      const acks = group.filter((c) => c.outcome === 'acknowledged');
      // A command never answered before its time ran out may have taken effect, once: its key keeps a
      // retry from recording it again. A command the system answered (acknowledged, or refused as
      // already done) is owed exactly: the key travels with its events, so no crash lets a retry double it.
      const failed = group.filter((c) => c.outcome === 'failed').length;
      const unconfirmed = group.filter((c) => c.outcome === 'unconfirmed').length;
      const label = `${name}: ${first.kind}${first.taskId ? ` of task ${first.taskId}` : ''}`;
      for (const type of new Set([OWN_EVENT[first.kind], ...acks.flatMap((c) => c.events)])) {
        const expected = acks.filter((c) => c.events.includes(type) || OWN_EVENT[c.kind] === type).length;
        const found = eventsOf(first, history, type);
        // Only the command's own event is owed exactly: the others an acknowledgement names may come again from later commands.
        const problem = effectCountProblem({ expected, found, failed, unconfirmed });
        if (problem === 'lost' || (problem !== null && type === OWN_EVENT[first.kind])) violations.push(`${label} acknowledged ${type} ${expected} times, the stores hold it ${found} times (${problem})`);
      }
    }
    if (record.whistleId && record.level === 2) {
      const assigned = history.filter((e) => e.type === 'enforcement.TaskAssigned.v1' && e.data?.whistleId === record.whistleId);
      const units = assigned.map((e) => e.data?.unitId ?? '?').sort();
      if (JSON.stringify(units) !== JSON.stringify([...record.units].sort())) violations.push(`${name}: the whistle assigned tasks to ${units.join(', ') || 'nobody'}, not once each to ${record.units.join(', ')}`);
    }
    const completed = history.filter((e) => e.type === 'escalation.WorkCompleted.v1').length;
    if (completed > 1) violations.push(`${name}: its work was completed ${completed} times`);
  }

  /** Every message of the run's dead-letter topics, described: a healthy message must never land there. */
  private deadLetters(): string[] {
    const letters: string[] = [];
    for (const service of SERVICES) {
      const topic = dlqOf(`${this.namespace}${TOPICS[service]}`);
      let messages: ReturnType<typeof consumeAll>;
      try {
        messages = consumeAll(this.brokers, topic);
      } catch (error) {
        // Nothing was ever dead-lettered there, so the topic was never made.
        if (/Unknown topic|UNKNOWN_TOPIC/i.test(String((error as { stderr?: unknown }).stderr ?? error))) continue;
        throw error;
      }
      for (const m of messages) letters.push(`${topic} key ${m.key}, by ${headerOf(m, 'dlq-group')}: ${headerOf(m, 'dlq-error')}`);
    }
    return letters;
  }
}
