/** Supervision's events sealed by hand and the scenarios the read side is tested on, for the query service's specs. */
export { SupervisionLog, type EvaluationPlace } from './supervision-log.fixture';
export { ASSESSMENT, COMPOUND, FIRM, QUARTER, STATION_WEIGHTS, scenarioStore, supervisionScenario, type SupervisionScenario } from './supervision-scenario.fixture';
export { WEEK, bulletinStore, bulletinWeek } from './weekly-bulletin.fixture';
