import { type DynamicModule, Module } from '@nestjs/common';
import { ESCALATION, type EscalationDependencies } from './escalation.dependencies';
import { EscalationCommands } from './escalation.commands';
import { EscalationHttpController } from './escalation.http.controller';

/** The escalation service's HTTP side; the host starts its consumer and deadlines. */
@Module({})
export class EscalationModule {
  static register(deps: EscalationDependencies): DynamicModule {
    return {
      module: EscalationModule,
      controllers: [EscalationHttpController],
      providers: [{ provide: ESCALATION, useValue: deps }, EscalationCommands],
    };
  }
}
