import { type DynamicModule, Module } from '@nestjs/common';
import { ADJUDICATION, type AdjudicationDependencies } from './adjudication.dependencies';
import { AdjudicationCommands } from './adjudication.commands';
import { AdjudicationHttpController } from './adjudication.http.controller';

/** The adjudication service's HTTP side; the host starts its consumer and deadlines. */
@Module({})
export class AdjudicationModule {
  static register(deps: AdjudicationDependencies): DynamicModule {
    return {
      module: AdjudicationModule,
      controllers: [AdjudicationHttpController],
      providers: [{ provide: ADJUDICATION, useValue: deps }, AdjudicationCommands],
    };
  }
}
