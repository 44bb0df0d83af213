import type { CatalogueIndex } from '@whistle/catalogue';
import { LEVEL_CHANGE_TRIGGERS, type Name } from '@whistle/contracts';
import { CASE_STATUSES, CASE_STATUS_NAMES, type Rate, type WeeklyBulletin } from '@whistle/read-models';
import type { BulletinLang } from './supervision.request.dto';
import {
  ADJUDICATION_NAMES,
  BULLETIN_WORDS as W,
  DECISION_NAMES,
  MEETING_STATUS_NAMES,
  NOTICE_KIND_NAMES,
  SHEET_NAMES,
  TRIGGER_NAMES,
  levelName,
} from './bulletin.names';

/** A rate as a fraction, shown as a percentage; null when there was nothing to count. */
export type Cell = string | number | { readonly percent: number } | null;

export interface BulletinTable {
  readonly key: keyof typeof SHEET_NAMES;
  /** the sheet's name, the page's section heading */
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** Beijing time, to the minute, as the bulletin says once. */
export function beijingTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The bulletin as the five tables of its workbook and page, in one language, with the catalogue's
 * names for units, compounds and categories (the id where the catalogue has none).
 */
export function bulletinTables(b: WeeklyBulletin, lang: BulletinLang, catalogue: CatalogueIndex): BulletinTable[] {
  const t = (name: Name | null | undefined, otherwise = ''): string => (name ? (lang === 'en' ? name.en : name.zh) : otherwise);
  const unit = (id: string) => t(catalogue.nameOf('units', id), id);
  const rate = (r: Rate): Cell => (r.value === null ? null : { percent: r.value });
  const basis = (r: Rate) => `${String(r.numerator)}/${String(r.denominator)}`;
  const listed = (ids: readonly string[] | undefined) => (ids ?? []).map(unit).join(lang === 'en' ? ', ' : '、');
  const sheet = (key: BulletinTable['key'], headers: readonly Name[], rows: readonly (readonly Cell[])[]): BulletinTable => ({ key, name: t(SHEET_NAMES[key]), headers: headers.map((h) => t(h)), rows });

  return [
    sheet(
      'summary',
      [W.item, W.value, W.basis],
      [
        [t(W.week), b.week, null],
        [t(W.from), beijingTime(b.from), null],
        [t(W.to), beijingTime(b.to), null],
        [t(W.generatedAt), beijingTime(b.generatedAt), null],
        [t(W.reported), b.cases.reported, null],
        [t(W.responseRate), rate(b.rates.responseRate), basis(b.rates.responseRate)],
        [t(W.resolutionRate), rate(b.rates.resolutionRate), basis(b.rates.resolutionRate)],
        [t(W.satisfactionRate), rate(b.rates.satisfactionRate), basis(b.rates.satisfactionRate)],
        [t(W.reportInsMissed), b.overdue.reportInsMissed, null],
        [t(W.tasksOverdue), b.overdue.tasksOverdue, null],
        [t(W.activitiesOverdue), b.overdue.activitiesOverdue ?? 0, null],
        [t(W.tablingsOverdue), b.overdue.tablingsOverdue ?? 0, null],
        [t(W.declineEscalations), b.escalations.declineEscalations, null],
        ...LEVEL_CHANGE_TRIGGERS.map((trigger): Cell[] => [`${t(W.raised)}：${t(TRIGGER_NAMES[trigger])}`, b.escalations.raised[trigger] ?? 0, null]),
      ],
    ),
    sheet(
      'cases',
      [W.breakdown, W.item, W.cases],
      [
        ...Object.entries(b.cases.byLevel).map(([level, n]): Cell[] => [t(W.level), t(levelName(Number(level))), n]),
        ...CASE_STATUSES.map((status): Cell[] => [t(W.status), t(CASE_STATUS_NAMES[status]), b.cases.byStatus[status]]),
      ],
    ),
    sheet(
      'level4',
      [W.caseId, W.compound, W.category, W.status, W.adjudication],
      b.level4.map((c) => [
        c.caseId,
        c.compoundId === null ? null : t(catalogue.nameOf('compounds', c.compoundId), c.compoundId),
        c.category === null ? null : t(catalogue.nameOf('categories', c.category), c.category),
        t(CASE_STATUS_NAMES[c.status], c.status),
        c.adjudicationStatus === null ? null : t(ADJUDICATION_NAMES[c.adjudicationStatus as keyof typeof ADJUDICATION_NAMES], c.adjudicationStatus),
      ]),
    ),
    sheet(
      'meetings',
      [W.meetingId, W.scheduledAt, W.meetingStatus, W.caseId, W.decision, W.leadUnit, W.supportingUnits, W.measures, W.deadline, W.reason],
      b.meetings.flatMap((m) => {
        const meeting: Cell[] = [m.meetingId, beijingTime(m.scheduledAt), t(MEETING_STATUS_NAMES[m.status])];
        if (m.decisions.length === 0) return [[...meeting, null, null, null, null, null, null, null]];
        return m.decisions.map((d): Cell[] => [
          ...meeting,
          d.caseId,
          t(DECISION_NAMES[d.decision]),
          d.leadUnit === undefined ? null : unit(d.leadUnit),
          d.supportingUnits === undefined ? null : listed(d.supportingUnits),
          d.measures ?? null,
          d.deadline === undefined ? null : beijingTime(d.deadline),
          d.reason ?? null,
        ]);
      }),
    ),
    sheet(
      'notices',
      [W.publicationId, W.quarter, W.kind, W.noticeTitle, W.red, W.black, W.contentSha256],
      b.noticesPublished.map((n) => [n.publicationId, n.quarter, t(NOTICE_KIND_NAMES[n.kind]), n.title, n.red, n.black, n.contentSha256]),
    ),
  ];
}
