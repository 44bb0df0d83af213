import { assertNever, canonicalJson, invalid, isBefore, refuse, type Decider } from '@whistle/kernel';
import { isQuarter, type AssessmentCompleted, type ListRules, type NoticeEvent, type NoticePublished, type PublishedResult } from '@whistle/contracts';
import type { Finding } from '../assessment/assessment.state';
import { required } from '../checks';
import { listsOf, type FirmStanding } from './lists';
import { evolveNotices, initialNoticesState, type NoticesState } from './notices.state';

/** A completed assessment as a notice reads it: its result, and its findings as they stand at publication. */
export interface CompletedAssessment {
  readonly result: AssessmentCompleted['data'];
  readonly findings: readonly Pick<Finding, 'findingId' | 'rectifyBy' | 'rectified'>[];
}

/**
 * The office publishes a quarter's results (通报) with the red and black list. The service gathers
 * what it reads: the quarter's completed assessments, the firms' names and the weighting in force;
 * `hash` is SHA-256 as hex, passed in so the decider stays pure.
 */
export interface PublishNotice {
  readonly type: 'PublishNotice';
  readonly publicationId: string;
  readonly quarter: string;
  readonly title: string;
  readonly summary: string;
  /** with a correction (更正): the earlier notice of the quarter it corrects, and why */
  readonly corrects?: string;
  readonly reason?: string;
  readonly assessments: readonly CompletedAssessment[];
  readonly firmNames: Readonly<Record<string, string>>;
  readonly weighting: { readonly weightingId: string; readonly lists: ListRules };
  readonly hash: (text: string) => string;
  readonly now: string;
}

export type NoticesCommand = PublishNotice;

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 5000;

export function decideNotices(command: NoticesCommand, state: NoticesState): NoticeEvent[] {
  switch (command.type) {
    case 'PublishNotice':
      return publish(command, state);
    default:
      return assertNever(command.type, 'notices command');
  }
}

export const noticesDecider: Decider<NoticesCommand, NoticeEvent, NoticesState> = {
  initialState: initialNoticesState,
  decide: decideNotices,
  evolve: evolveNotices,
};

/** What a notice's contentSha256 is computed over: all of it but the hash itself and the time it was published. */
export function noticeContent(data: NoticePublished['data']): Omit<NoticePublished['data'], 'contentSha256' | 'publishedAt'> {
  const { contentSha256: _hash, publishedAt: _at, ...content } = data;
  return content;
}

/** The hash a notice's content must carry, to check a published one against. */
export function noticeHash(data: NoticePublished['data'], hash: (text: string) => string): string {
  return hash(canonicalJson(noticeContent(data)));
}

function publish(command: PublishNotice, state: NoticesState): NoticeEvent[] {
  const publicationId = required('publicationId', command.publicationId, 200);
  if (state.status === 'published' && state.notices.some((n) => n.publicationId === publicationId)) return [];
  const { quarter, now } = command;
  if (!isQuarter(quarter)) invalid('quarter', `quarter "${String(quarter)}" is not a quarter such as 2026-Q4`);
  if (state.status === 'published' && state.quarter !== quarter) invalid('quarter', `this stream holds the notices of ${state.quarter}, not of ${quarter}`);
  const title = required('title', command.title, TITLE_MAX);
  const summary = required('summary', command.summary, SUMMARY_MAX);
  const correction = correctionOf(command, state, quarter);
  if (command.assessments.length === 0) {
    refuse('notices.no_results', `no assessment of ${quarter} is completed, so there are no results to publish`);
  }
  const stray = command.assessments.find((a) => a.result.quarter !== quarter);
  if (stray) invalid('assessments', `assessment ${stray.result.assessmentId} is of ${stray.result.quarter}, not of ${quarter}`);
  const standings = standingsOf(command.assessments, command.firmNames, now);
  const results = standings.flatMap((s) => s.results).sort((a, b) => (a.assessmentId < b.assessmentId ? -1 : 1));
  const content: Omit<NoticePublished['data'], 'contentSha256' | 'publishedAt'> = {
    publicationId,
    quarter,
    ...correction,
    title,
    summary,
    results,
    ...listsOf(standings, command.weighting.lists),
    weightingId: command.weighting.weightingId,
  };
  return [{ type: 'supervision.NoticePublished.v1', data: { ...content, contentSha256: command.hash(canonicalJson(content)), publishedAt: now } }];
}

/** The first notice of a quarter gives its results; every later one corrects an earlier one, with a reason. */
function correctionOf(command: PublishNotice, state: NoticesState, quarter: string): Pick<NoticePublished['data'], 'kind' | 'corrects' | 'reason'> {
  const corrects = command.corrects === undefined || command.corrects.trim() === '' ? undefined : command.corrects.trim();
  const reason = command.reason === undefined || command.reason.trim() === '' ? undefined : command.reason;
  if (corrects === undefined) {
    if (reason !== undefined) invalid('reason', 'only a correction has a reason: name the notice it corrects in corrects');
    if (state.status === 'published') {
      const [results] = state.notices;
      refuse(
        'notices.already_published',
        `the results of ${quarter} were published as ${String(results?.publicationId)}: a published notice never changes, so publish a correction naming the notice it corrects`,
      );
    }
    return { kind: 'results' };
  }
  if (state.status === 'none') refuse('notices.not_published', `no notice of ${quarter} has been published, so there is nothing to correct: publish its results first`);
  if (!state.notices.some((n) => n.publicationId === corrects)) {
    refuse('notices.unknown_notice', `${corrects} is not a notice of ${quarter}; its notices are ${state.notices.map((n) => n.publicationId).join(', ')}`);
  }
  return { kind: 'correction', corrects, reason: required('reason', reason) };
}

/** Each firm's published results and its findings past their date still unrectified now. */
function standingsOf(assessments: readonly CompletedAssessment[], firmNames: Readonly<Record<string, string>>, now: string): FirmStanding[] {
  const byFirm = new Map<string, { results: PublishedResult[]; overdueFindings: number }>();
  for (const { result, findings } of assessments) {
    const firmName = firmNames[result.firmId];
    if (firmName === undefined) invalid('firmNames', `no name was given for firm ${result.firmId}`);
    const open = findings.filter((f) => !f.rectified);
    const published: PublishedResult = {
      assessmentId: result.assessmentId,
      firmId: result.firmId,
      firmName,
      compoundId: result.compoundId,
      total: result.total,
      grade: result.grade,
      dimensions: result.dimensions,
      satisfaction: result.satisfaction,
      openFindings: open.length,
    };
    const firm = byFirm.get(result.firmId) ?? { results: [], overdueFindings: 0 };
    firm.results.push(published);
    firm.overdueFindings += open.filter((f) => isBefore(f.rectifyBy, now)).length;
    byFirm.set(result.firmId, firm);
  }
  return [...byFirm].map(([firmId, { results, overdueFindings }]) => ({ firmId, firmName: results[0]?.firmName ?? firmId, results, overdueFindings }));
}
