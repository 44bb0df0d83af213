import { type DynamicModule, Module } from '@nestjs/common';
import { ENFORCEMENT, type EnforcementDependencies } from './enforcement.dependencies';
import { EnforcementCommands } from './enforcement.commands';
import { EnforcementHttpController } from './enforcement.http.controller';

/** The enforcement service's HTTP side; the host starts its consumer and deadlines. */
@Module({})
export class EnforcementModule {
  static register(deps: EnforcementDependencies): DynamicModule {
    return {
      module: EnforcementModule,
      controllers: [EnforcementHttpController],
      providers: [{ provide: ENFORCEMENT, useValue: deps }, EnforcementCommands],
    };
  }
}
