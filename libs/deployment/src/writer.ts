import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { Clock, IdSource, WorkingCalendar } from '@whistle/kernel';
import type { BoundedContext, WriteService } from '@whistle/contracts';
import type { CatalogueIndex } from '@whistle/catalogue';
import { ServiceRuntime, WRITER, type ReadSideLookups, type ServiceRuntimeOptions, type WriterDependencies } from '@whistle/application';
import type { ReadinessCheck } from '@whistle/http';
import type { HttpSettings } from './settings';

/**
 * A writing service's HTTP module: its controllers and command handlers, with its dependencies
 * under `WRITER`. Each service gets a module class of its own, so the embedded process can
 * serve all five side by side, each seeing only its own dependencies.
 */
export function writerModule<D extends WriterDependencies>(deps: D, parts: { controllers: Type[]; providers: Type[] }): DynamicModule {
  const { service } = deps.runtime;
  const module = { [service]: class {} }[service] as Type;
  Module({})(module);
  return { module, controllers: parts.controllers, providers: [{ provide: WRITER, useValue: deps }, ...parts.providers] };
}

/** What a service keeps beside its store (intake's personal-data vault), each closed with it. */
export type WriterResources = Readonly<Record<string, { close(): void }>>;

/**
 * A writing service, defined once: its bounded context (aggregates, consumed topics, reactions,
 * look-ups, deadlines), the resources it keeps beside its store and its HTTP module. Its own
 * process (`runWriterProcess`) and the embedded process (`Writer.open`) both start it from this.
 */
export interface WriterDefinition<R extends WriterResources = WriterResources> {
  readonly context: BoundedContext;
  resources?(runtime: ServiceRuntime, host: WriterHost): R;
  http(deps: WriterDependencies, resources: R): DynamicModule;
}

/** Types a service's definition against its own resources, and hands it on as any writer. */
export function defineWriter<R extends WriterResources = Record<never, never>>(definition: WriterDefinition<R>): WriterDefinition {
  return definition;
}

/** Where a writer runs: the catalogue and working calendar, the clock and ids, and the runtime settings of its mode (store, bus, data directory). */
export interface WriterHost {
  readonly catalogue: CatalogueIndex;
  readonly calendar: WorkingCalendar;
  readonly clock: Clock;
  readonly ids: IdSource;
  runtimeOptions(service: WriteService): Promise<Omit<ServiceRuntimeOptions, 'context' | 'catalogue' | 'calendar' | 'clock' | 'ids'>>;
  /** What its commands may ask the read side (the catalogue's changes ask which open cases they concern). */
  readonly readSide?: ReadSideLookups;
  /** The process's settings, for what a service reads of them beside its store (intake's Open311 clients); none in unit tests. */
  readonly settings?: HttpSettings;
}

/**
 * A writing service started from its definition, in the three steps an in-process bus needs:
 * `open` (its store and index), then `consume` on every writer, then `relay` on every writer.
 */
export class Writer {
  private constructor(
    readonly runtime: ServiceRuntime,
    readonly module: DynamicModule,
    private readonly resources: WriterResources,
  ) {}

  static async open(definition: WriterDefinition, host: WriterHost): Promise<Writer> {
    const { context } = definition;
    const runtime = new ServiceRuntime({
      ...(await host.runtimeOptions(context.service)),
      context,
      catalogue: host.catalogue,
      calendar: host.calendar,
      clock: host.clock,
      ids: host.ids,
    });
    const resources = definition.resources?.(runtime, host) ?? {};
    await runtime.open();
    const module = definition.http({ runtime, catalogue: host.catalogue, calendar: host.calendar, clock: host.clock, ids: host.ids, ...(host.readSide ? { readSide: host.readSide } : {}) }, resources);
    return new Writer(runtime, module, resources);
  }

  get service(): WriteService {
    return this.runtime.service;
  }

  consume(): Promise<void> {
    return this.runtime.consume();
  }

  relay(): void {
    this.runtime.relay();
  }

  /** See ServiceRuntime.stopPublishing. */
  stopPublishing(): Promise<void> {
    return this.runtime.stopPublishing();
  }

  readiness(): Record<string, ReadinessCheck> {
    return this.runtime.readiness();
  }

  async close(): Promise<void> {
    await this.runtime.close();
    for (const resource of Object.values(this.resources)) resource.close();
  }
}
