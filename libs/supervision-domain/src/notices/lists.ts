import type { ListedFirm, ListRules, PublishedResult } from '@whistle/contracts';
import { round2 } from '../checks';

/** A firm's standing at publication, from its compounds' completed assessments. */
export interface FirmStanding {
  readonly firmId: string;
  readonly firmName: string;
  readonly results: readonly PublishedResult[];
  /** findings past their rectifyBy and still unrectified at publication, over all its compounds */
  readonly overdueFindings: number;
}

/**
 * The red list (红榜) and black list (黑榜) by the quarter's list rules. A firm on the black list for
 * any reason is not on the red list; each entry's reason names the rules it met, in Chinese (the
 * notice's public language) and in English, since a published notice is never rewritten.
 */
export function listsOf(standings: readonly FirmStanding[], rules: ListRules): { redList: ListedFirm[]; blackList: ListedFirm[] } {
  const redList: ListedFirm[] = [];
  const blackList: ListedFirm[] = [];
  for (const { firmId, firmName, results, overdueFindings } of standings) {
    if (results.length === 0) continue;
    const averageTotal = round2(results.reduce((sum, r) => sum + r.total, 0) / results.length);
    const failed = results.filter((r) => r.grade === 'fail').map((r) => r.compoundId);
    const black: string[] = [];
    if (averageTotal < rules.blackBelow) black.push(`平均得分 ${averageTotal} 低于 ${rules.blackBelow} (average total ${averageTotal} below ${rules.blackBelow})`);
    if (failed.length > 0) black.push(`小区 ${failed.join('、')} 测评不合格 (graded fail in compound ${failed.join(', ')})`);
    if (overdueFindings >= rules.blackOverdueFindings) {
      black.push(
        `${overdueFindings} 项问题逾期未整改，达到 ${rules.blackOverdueFindings} 项 (${overdueFindings} findings past their date unrectified, at least ${rules.blackOverdueFindings})`,
      );
    }
    if (black.length > 0) {
      blackList.push({ firmId, firmName, averageTotal, reason: black.join('；') });
    } else if (averageTotal >= rules.redMinimum && overdueFindings === 0) {
      redList.push({
        firmId,
        firmName,
        averageTotal,
        reason: `平均得分 ${averageTotal} 不低于 ${rules.redMinimum}，无逾期未整改问题 (average total ${averageTotal} at least ${rules.redMinimum}, no finding past its date unrectified)`,
      });
    }
  }
  const byFirm = (a: ListedFirm, b: ListedFirm) => (a.firmId < b.firmId ? -1 : a.firmId > b.firmId ? 1 : 0);
  redList.sort((a, b) => b.averageTotal - a.averageTotal || byFirm(a, b));
  blackList.sort((a, b) => a.averageTotal - b.averageTotal || byFirm(a, b));
  return { redList, blackList };
}
