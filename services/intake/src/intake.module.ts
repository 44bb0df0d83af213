import { type DynamicModule, Module } from '@nestjs/common';
import { INTAKE, type IntakeDependencies } from './intake.dependencies';
import { IntakeCommands } from './intake.commands';
import { IntakeHttpController } from './intake.http.controller';

/** The intake service's HTTP side; its consumer is started by the host with `intakeConsumer`. */
@Module({})
export class IntakeModule {
  static register(deps: IntakeDependencies): DynamicModule {
    return {
      module: IntakeModule,
      controllers: [IntakeHttpController],
      providers: [{ provide: INTAKE, useValue: deps }, IntakeCommands],
    };
  }
}
