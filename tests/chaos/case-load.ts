import { randomUUID } from 'node:crypto';
import { ApiClient, roles } from '../e2e/support/api-client';
import { attempt, sleep, type AnswerBody } from './http-attempt';
import { Ledger, type CaseRecord, type CommandKind, type CommandRecord } from './ledger';
import type { Random } from './random';

/** The station's compounds the load reports in (the catalogue's, under station-north). */
const COMPOUNDS = ['compound-xinghua-1', 'compound-xinghua-2', 'compound-xinghua-3', 'compound-wutong-1', 'compound-wutong-2'];

/** The kinds of case the load reports, with the level it whistles and the units the catalogue summons for it. */
const PLANS = [
  { category: 'fire_lane_blocked', level: 2, units: ['unit-jiaojing', 'unit-xiaofang'], weight: 5 },
  { category: 'common_area_clutter', level: 2, units: ['unit-chengguan'], weight: 2 },
  { category: 'late_night_noise', level: 2, units: ['unit-gongan'], weight: 2 },
  { category: 'fire_theft_publicity', level: 1, units: [], weight: 1 },
] as const;

/** Units a level-1 publicity activity names. */
const ACTIVITY_UNITS = ['unit-xiaofang', 'unit-gongan'];

/** Statuses that say the request may not have reached the command, or may have reached it and lost its answer: try again with the same key. */
const TRANSIENT = new Set([0, 429, 500, 502, 503, 504]);
/** Statuses a reaction not yet consumed gives (the case or task unknown yet, or its state not there yet): try again after a while. */
const NOT_YET = new Set([404, 409]);

export interface LoadTimings {
  /** How long one command is tried before the client gives up on it. */
  readonly commandMs: number;
  /** How long the client waits for the read side to show a step. */
  readonly viewMs: number;
  /** How long the client keeps answering 404/409 with another try after a try went unanswered (the first may have taken effect). */
  readonly unconfirmedMs: number;
}

export const DEFAULT_TIMINGS: LoadTimings = { commandMs: 240_000, viewMs: 240_000, unconfirmedMs: 30_000 };

class Stalled extends Error {}

/**
 * A few clients, each driving one full case after another through the public API (report,
 * whistle, each summoned unit's report-in, acceptance, action and outcome, or the level-1
 * activity, then the callback that closes it) and writing every command and its answer into the
 * ledger. Every command carries an Idempotency-Key and is tried again with the same key when it
 * goes unanswered, as a careful client would: that is what makes a doubled effect the system's fault.
 */
export class CaseLoad {
  readonly ledger = new Ledger();
  private stopping = false;
  private running: Promise<void>[] = [];
  private readonly office: ApiClient;
  private readonly station: ApiClient;
  private readonly units = new Map<string, ApiClient>();

  constructor(
    private readonly baseUrl: string,
    private readonly runTag: string,
    private readonly timings: LoadTimings = DEFAULT_TIMINGS,
  ) {
    this.office = new ApiClient(baseUrl, roles.office());
    this.station = new ApiClient(baseUrl, roles.station('station-north'));
  }

  /** Starts the clients; each runs until `finish`. */
  start(clients: number, random: Random): void {
    this.running = Array.from({ length: clients }, () => this.client(random.fork()));
  }

  /** No new case is started; the cases under way go on to their end (or their stall). */
  async finish(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }

  private async client(random: Random): Promise<void> {
    while (!this.stopping) {
      const record = this.newCase(random);
      try {
        await this.drive(record, random);
      } catch (error) {
        if (!(error instanceof Stalled)) throw error;
        record.stalled = error.message;
      }
    }
  }

  private newCase(random: Random): CaseRecord {
    const weights = PLANS.flatMap((plan) => Array.from({ length: plan.weight }, () => plan));
    const plan = random.pick(weights);
    const ref = this.ledger.cases.length + 1;
    const record: CaseRecord = {
      ref,
      description: `chaos ${this.runTag} case ${ref} (${plan.category})`,
      category: plan.category,
      compoundId: random.pick(COMPOUNDS),
      level: plan.level,
      units: plan.units,
      tasks: new Map(),
      closed: false,
    };
    this.ledger.cases.push(record);
    return record;
  }

  private async drive(record: CaseRecord, random: Random): Promise<void> {
    const { category, compoundId } = record;
    const report = await this.command('report', record, this.station, 'POST', '/api/intake/cases', { compoundId, category, description: record.description, channel: 'branch' });
    if (report.record.outcome !== 'acknowledged') throw new Stalled(`the report was ${report.record.outcome}`);
    const caseId = String(report.body.id);
    record.caseId = caseId;
    const whistle = await this.command('whistle', record, this.station, 'POST', `/api/escalation/cases/${caseId}/whistle`, { level: record.level }, { 'after-position': String(report.body.position), prefer: 'wait=30' });
    if (whistle.record.outcome !== 'acknowledged') throw new Stalled(`the whistle was ${whistle.record.outcome}`);
    record.whistleId = String(whistle.body.whistleId);

    if (record.level === 1) {
      // Held once enforcement asked for it (an activity held before is refused), as a station holds it after seeing the request.
      await this.view(caseId, (v) => v.publicity?.whistleId === record.whistleId && v.publicity?.status === 'requested', 'with its activity asked for');
      const activity = { heldAt: new Date().toISOString(), topic: '冬季防火防盗宣传', units: ACTIVITY_UNITS, attendance: random.int(10, 80) };
      const held = await this.command('activity', record, this.station, 'POST', `/api/enforcement/cases/${caseId}/activities`, activity, { 'after-position': String(whistle.body.position), prefer: 'wait=30' });
      if (held.record.outcome === 'refused' || held.record.outcome === 'failed') throw new Stalled(`the activity was ${held.record.outcome}`);
    } else {
      const taskOf = (view: AnswerBody, unitId: string) => view.tasks?.find((t) => t.unitId === unitId && t.whistleId === record.whistleId);
      const view = await this.view(caseId, (v) => record.units.every((unitId) => taskOf(v, unitId)), 'has its tasks');
      for (const unitId of record.units) record.tasks.set(unitId, taskOf(view, unitId)?.taskId ?? '');
      for (const unitId of record.units) await this.work(record, unitId, random);
    }
    await this.view(caseId, (v) => v.status === 'resolved', 'resolved');
    const callback = await this.command('callback', record, this.station, 'POST', `/api/intake/cases/${caseId}/callback`, { result: 'satisfied', note: '回访满意' });
    if (callback.record.outcome === 'refused' || callback.record.outcome === 'failed') throw new Stalled(`the callback was ${callback.record.outcome}`);
    await this.view(caseId, (v) => v.status === 'closed', 'closed');
    record.closed = true;
  }

  private async work(record: CaseRecord, unitId: string, random: Random): Promise<void> {
    const taskId = record.tasks.get(unitId) ?? '';
    const unit = this.unit(unitId);
    const steps: [CommandKind, string, unknown][] = [
      ['report-in', 'report-in', {}],
      ['accept', 'accept', {}],
      ['action', 'actions', { kind: random.pick(['inspection', 'persuasion', 'warning']), note: '现场处置' }],
      ['outcome', 'outcome', { result: 'resolved', note: '处置完毕' }],
    ];
    for (const [kind, path, body] of steps) {
      const sent = await this.command(kind, record, unit, 'POST', `/api/enforcement/tasks/${taskId}/${path}`, body, {}, taskId);
      if (sent.record.outcome === 'refused' || sent.record.outcome === 'failed') throw new Stalled(`${kind} of ${unitId}'s task was ${sent.record.outcome}`);
    }
  }

  private unit(unitId: string): ApiClient {
    let client = this.units.get(unitId);
    if (!client) this.units.set(unitId, (client = new ApiClient(this.baseUrl, roles.unit(unitId))));
    return client;
  }

  /**
   * One command, tried with the same Idempotency-Key until it is acknowledged, refused for good,
   * or its time is up. Its record goes into the ledger before the first try.
   */
  private async command(kind: CommandKind, record: CaseRecord, client: ApiClient, method: string, path: string, body: unknown, headers: Record<string, string> = {}, taskId?: string): Promise<{ record: CommandRecord; body: AnswerBody }> {
    const command: CommandRecord = { kind, caseRef: record.ref, ...(taskId ? { taskId } : {}), key: randomUUID(), outcome: 'failed', attempts: 0, events: [], status: 0, replayed: false };
    this.ledger.commands.push(command);
    const deadline = Date.now() + this.timings.commandMs;
    let unanswered = false;
    let notYetSince: number | undefined;
    let pause = 200;
    while (Date.now() < deadline) {
      command.attempts += 1;
      const answer = await attempt(this.baseUrl, method, path, client.token, { body, headers: { 'idempotency-key': command.key, ...headers }, timeoutMs: 65_000 });
      const status = answer.answered ? answer.status : 0;
      this.ledger.answered(status);
      command.status = status;
      if (answer.answered && status >= 200 && status < 300) {
        command.outcome = 'acknowledged';
        command.events = Array.isArray(answer.body.events) ? answer.body.events.map(String) : [];
        command.replayed = answer.headers.get('idempotent-replayed') === 'true';
        return { record: command, body: answer.body };
      }
      command.why = answer.answered ? `${status} ${JSON.stringify(answer.body).slice(0, 300)}` : answer.error;
      if (TRANSIENT.has(status)) {
        // 503 is the service's own refusal (nothing recorded); the others may hide a command that took effect.
        if (status !== 503 && status !== 429) unanswered = true;
      } else if (NOT_YET.has(status)) {
        notYetSince ??= Date.now();
        if (unanswered && Date.now() - notYetSince > this.timings.unconfirmedMs) {
          command.outcome = 'unconfirmed';
          return { record: command, body: {} };
        }
      } else {
        command.outcome = 'refused';
        return { record: command, body: {} };
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 3_000);
    }
    command.outcome = NOT_YET.has(command.status) ? (unanswered ? 'unconfirmed' : 'refused') : 'failed';
    return { record: command, body: {} };
  }

  /** The read side's view of the case once `ready` holds; gives the case up when it does not in time. */
  private async view(caseId: string, ready: (view: AnswerBody) => boolean, what: string): Promise<AnswerBody> {
    const deadline = Date.now() + this.timings.viewMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      const answer = await attempt(this.baseUrl, 'GET', `/api/query/cases/${caseId}`, this.office.token, { timeoutMs: 30_000 });
      if (answer.answered && answer.status === 200 && ready(answer.body)) return answer.body;
      last = answer.answered ? (answer.status === 200 ? `${answer.body.status} at level ${answer.body.level}` : `HTTP ${answer.status}`) : answer.error;
      await sleep(300);
    }
    throw new Stalled(`the read side did not show case ${caseId} ${what} within ${this.timings.viewMs / 1000} s (last: ${last})`);
  }
}
