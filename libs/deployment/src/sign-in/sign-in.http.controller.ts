import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, Public } from '@whistle/http';
import { SIGN_IN, type SignInDependencies } from './sign-in.dependencies';
import { SignInMethod } from './sign-in-method';

/** Tells the console, before anyone is signed in, which sign-in this deployment has. */
@ApiTags('sign-in 登录')
@Public()
@Controller('api/auth/sign-in')
export class SignInHttpController {
  constructor(@Inject(SIGN_IN) private readonly deps: SignInDependencies) {}

  @Get()
  @ApiOperation({ summary: 'How to sign in here: the development sign-in, or the identity provider (OpenID Connect, code with PKCE) and its endpoints' })
  @ApiAnswer(SignInMethod, { description: 'How to sign in' })
  method(): SignInMethod {
    return this.deps.method;
  }
}
