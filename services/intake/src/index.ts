export { intakeWriter } from './intake.writer';
export { PersonalDataVault, maskReporter, normalisePhone, type ReporterDetails } from './personal-data.vault';
