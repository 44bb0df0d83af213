import { computeStats } from '../stats';
import { CaseScript, XINGHUA } from '../testing/case-script.fixture';
import { EventLog, HOUR } from '../testing/event-log.fixture';
import { foldCaseViews } from '../testing/fold.fixture';
import { caseFiguresOf } from './case-figures';

/**
 * Duplicates by hand on the read side: a case linked or merged shows its primary and leaves
 * handling, and the office's figures count the problem once, on the primary.
 */
describe('case views and figures of duplicates and merged cases', () => {
  const log = new EventLog();
  const from = log.now;
  const primary = new CaseScript(log, 'p1').report().whistle();
  const linked = new CaseScript(log, 'd1', { ...XINGHUA, category: 'common_area_clutter' }).report();
  // summoned the same units as its primary, so a unit's figures meet the problem twice
  const merged = new CaseScript(log, 'd2', { ...XINGHUA, category: 'common_area_clutter' }).report().whistle(undefined, XINGHUA.units);
  log.advance(HOUR);
  linked.linkAsDuplicateOf('p1');
  merged.mergeInto('p1');
  primary.work();
  const views = foldCaseViews(log.envelopes);
  const view = (id: string) => {
    const found = views.get(id);
    if (!found) throw new Error(`no view of ${id}`);
    return found;
  };

  it('shows each as what it became, pointing at its primary', () => {
    expect(view('d1')).toMatchObject({ status: 'duplicate', duplicateOf: 'p1' });
    expect(view('d2')).toMatchObject({ status: 'merged', duplicateOf: 'p1' });
  });

  it('ends the merged case’s tasks with it, as a withdrawal does, and leaves nothing of it overdue', () => {
    expect(view('d2').tasks.length).toBeGreaterThan(0);
    expect(view('d2').tasks.every((t) => t.status === 'superseded')).toBe(true);
    expect(view('d2').deadlines).toEqual([]);
  });

  it('triages afresh a case whose link by hand was undone: its old round ended, nothing of it pending', () => {
    const again = new EventLog();
    new CaseScript(again, 'p2').report();
    const undone = new CaseScript(again, 'u1', { ...XINGHUA, category: 'common_area_clutter' }).report().whistle();
    again.advance(HOUR);
    undone.linkAsDuplicateOf('p2').overruleDuplicate('another car, another building');
    const folded = foldCaseViews(again.envelopes).get('u1');
    expect(folded).toMatchObject({ status: 'triaged', duplicateOf: null, deadlines: [] });
    expect(folded?.tasks.every((t) => t.status === 'superseded')).toBe(true);
    expect(caseFiguresOf(folded as NonNullable<typeof folded>).figures.cases).toBe(1);
  });

  it('counts neither as a case of its own', () => {
    for (const id of ['d1', 'd2']) expect(caseFiguresOf(view(id)).figures).toMatchObject({ cases: 0, handled: 0, resolved: 0 });
    expect(caseFiguresOf(view('p1')).figures).toMatchObject({ cases: 1, handled: 1, resolved: 1 });
  });

  it('gives the station one case, resolved: the rates count the problem once', () => {
    const [north] = computeStats([...views.values()], { groupBy: 'station', from, to: log.now });
    expect(north).toMatchObject({ id: 'station-north', cases: 1, resolutionRate: { numerator: 1, denominator: 1, value: 1 } });
    expect(north?.sources.caseIds).toEqual(['d1', 'd2', 'p1']);
  });

  it('gives each unit summoned by both the merged case and its primary one case, in the stats and in the tallied rows', () => {
    const byUnit = computeStats([...views.values()], { groupBy: 'unit', from, to: log.now });
    for (const unitId of XINGHUA.units) {
      const unit = byUnit.find((g) => g.id === unitId);
      expect(unit).toMatchObject({ cases: 1, tasks: 2 });
      expect(unit?.sources.caseIds).toEqual(['d2', 'p1']);
      const rows = ['p1', 'd2'].flatMap((id) => caseFiguresOf(view(id)).unitFigures.filter((r) => r.unitId === unitId));
      expect(rows).toHaveLength(2);
      expect(rows.reduce((sum, r) => sum + r.cases, 0)).toBe(1);
    }
  });
});

