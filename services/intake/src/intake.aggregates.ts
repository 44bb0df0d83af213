import { indexed, type IndexedAggregate } from '@whistle/application';
import { caseDecider } from '@whistle/intake-domain';

/** The streams intake owns and indexes: the cases. */
export const intakeAggregates: IndexedAggregate[] = [indexed('case-', caseDecider)];
