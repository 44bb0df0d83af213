import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { signToken, type Principal } from '@whistle/auth';
import { ApiAnswer, InvalidRequest, Public, schema } from '@whistle/http';
import { SCOPE_OF, devSignInChoices, knownScope, type DevSignInChoices } from './dev-sign-in.choices';
import { DevSignInRequest } from './dev-sign-in.request.dto';
import { SIGN_IN, type SignInDependencies } from './sign-in.dependencies';

/** A development token lives as long as one `npm run token` prints: 12 hours. */
const TOKEN_LIFETIME_HOURS = 12;

/**
 * Signing in for development: the console's sign-in page offers the catalogue's roles and scopes
 * and gets a token signed with the development secret, as `npm run token` does. The module is
 * registered only while tokens are checked with that secret, never with a real issuer
 * (SignInModule), in the embedded process and in every service of the distributed mode.
 */
@ApiTags('development sign-in 开发登录')
@Public()
@Controller('api/dev/sign-in')
export class DevSignInHttpController {
  constructor(@Inject(SIGN_IN) private readonly deps: SignInDependencies) {}

  @Get()
  @ApiAnswer(
    schema.object({
      developmentOnly: schema.boolean(),
      roles: schema.list(schema.text()),
      scopeOf: schema.mapOf(schema.text(), 'the claim each role’s scope is in'),
      stations: schema.list(schema.anyObject()),
      units: schema.list(schema.anyObject()),
      compounds: schema.list(schema.anyObject()),
    }),
    { description: 'The roles and scopes' },
  )
  @ApiOperation({ summary: 'Development only: the roles and scopes one may sign in as' })
  choices(): DevSignInChoices {
    return devSignInChoices(this.deps.catalogue);
  }

  @Post()
  @HttpCode(200)
  @ApiAnswer(schema.object({ token: schema.text(), principal: schema.anyObject('the token’s claims: sub, role and scope'), expiresAt: schema.text() }), { description: 'A development token' })
  @ApiOperation({ summary: 'Development only: a token for a role and scope, signed with the development secret' })
  signIn(@Body() body: DevSignInRequest): { token: string; principal: Principal; expiresAt: string } {
    const scope = SCOPE_OF[body.role];
    const scopeValue = scope === undefined ? undefined : body[scope];
    if (scope !== undefined && scopeValue === undefined) throw new InvalidRequest([{ field: scope, message: `role ${body.role} needs ${scope}` }]);
    const principal: Principal = {
      sub: ['dev', body.role, scopeValue].filter(Boolean).join('-'),
      role: body.role,
      ...(scope === undefined || scopeValue === undefined ? {} : { [scope]: scopeValue }),
    };
    if (scope !== undefined && !knownScope(this.deps.catalogue, principal)) {
      throw new InvalidRequest([{ field: scope, message: `${scope} ${scopeValue} is not in the catalogue` }]);
    }
    const secret = this.deps.developmentSecret;
    if (secret === undefined) throw new Error('the development sign-in is served without the development secret');
    const now = new Date(this.deps.clock.now());
    const token = signToken(principal, { secret, expiresIn: `${TOKEN_LIFETIME_HOURS}h`, now });
    return { token, principal, expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_HOURS * 3_600_000).toISOString() };
  }
}
