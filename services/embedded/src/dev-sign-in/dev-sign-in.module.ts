import { type DynamicModule, Module } from '@nestjs/common';
import { DEV_SIGN_IN, type DevSignInDependencies } from './dev-sign-in.dependencies';
import { DevSignInHttpController } from './dev-sign-in.http.controller';

@Module({})
export class DevSignInModule {
  static register(deps: DevSignInDependencies): DynamicModule {
    return { module: DevSignInModule, controllers: [DevSignInHttpController], providers: [{ provide: DEV_SIGN_IN, useValue: deps }] };
  }
}
