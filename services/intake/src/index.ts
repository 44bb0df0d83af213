export { intakeWriter } from './intake.writer';
export { PersonalDataVault, maskReporter, type ReporterDetails } from './personal-data.vault';
