import { type DynamicModule, Module } from '@nestjs/common';
import { DevSignInHttpController } from './dev-sign-in.http.controller';
import { SIGN_IN, type SignInDependencies } from './sign-in.dependencies';
import { SignInHttpController } from './sign-in.http.controller';

/** `GET /api/auth/sign-in` always; the development sign-in only while tokens are checked with the development secret. */
@Module({})
export class SignInModule {
  static register(deps: SignInDependencies): DynamicModule {
    const development = deps.method.method === 'development' && deps.developmentSecret !== undefined;
    return {
      module: SignInModule,
      controllers: [SignInHttpController, ...(development ? [DevSignInHttpController] : [])],
      providers: [{ provide: SIGN_IN, useValue: deps }],
    };
  }
}
