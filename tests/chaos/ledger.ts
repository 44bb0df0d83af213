/** The commands a full case takes, in the order the load sends them. */
export type CommandKind = 'report' | 'whistle' | 'activity' | 'report-in' | 'accept' | 'action' | 'outcome' | 'callback';

/**
 * How a command ended for the client: `acknowledged` (2xx), `refused` (a 4xx it could not get
 * past), `failed` (no answer in time, so the client cannot know), `unconfirmed` (a try went
 * unanswered, and a later one was refused as if the first had taken effect).
 */
export type CommandOutcome = 'acknowledged' | 'refused' | 'failed' | 'unconfirmed';

export interface CommandRecord {
  readonly kind: CommandKind;
  readonly caseRef: number;
  readonly taskId?: string;
  readonly key: string;
  outcome: CommandOutcome;
  attempts: number;
  /** the event types the acknowledgement named */
  events: string[];
  /** the last answer's status, 0 for none */
  status: number;
  /** the acknowledgement was a replay of an earlier try (Idempotent-Replayed) */
  replayed: boolean;
  /** why it was refused or failed, for the report */
  why?: string;
}

/** One case the load drove, as far as it got. */
export interface CaseRecord {
  readonly ref: number;
  /** unique in the run: the intake store is searched for it, so a doubled report shows */
  readonly description: string;
  readonly category: string;
  readonly compoundId: string;
  readonly level: 1 | 2;
  readonly units: readonly string[];
  caseId?: string;
  whistleId?: string;
  /** task id by unit, as the read side showed them */
  readonly tasks: Map<string, string>;
  /** the case went all the way to closed as the read side shows it */
  closed: boolean;
  /** why the load gave the case up, if it did */
  stalled?: string;
}

/** What the load driver holds to account at the end: every command and case, and every answer it got. */
export class Ledger {
  readonly commands: CommandRecord[] = [];
  readonly cases: CaseRecord[] = [];
  /** every HTTP status the commands were answered with (0: no answer), for the report */
  readonly answers = new Map<number, number>();

  answered(status: number): void {
    this.answers.set(status, (this.answers.get(status) ?? 0) + 1);
  }

  count(outcome: CommandOutcome): number {
    return this.commands.filter((c) => c.outcome === outcome).length;
  }

  get attempts(): number {
    return this.commands.reduce((sum, c) => sum + c.attempts, 0);
  }
}
