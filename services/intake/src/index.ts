export { IntakeModule } from './intake.module';
export { INTAKE, type IntakeDependencies } from './intake.dependencies';
export { intakeConsumes, intakeConsumer } from './intake.reactions';
export { PersonalDataVault, maskReporter, type ReporterDetails } from './personal-data.vault';
export { intakeAggregates } from './intake.aggregates';
