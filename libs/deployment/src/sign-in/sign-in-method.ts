import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * `GET /api/auth/sign-in`: how the console signs a user in on this deployment.
 * - `development`: tokens are checked with the development secret; `/api/dev/sign-in` offers every role.
 * - `oidc`: through the identity provider, authorization code with PKCE, with these endpoints.
 * - `none`: tokens come from `issuer`, but no console client is configured (OIDC_CLIENT_ID).
 */
export class SignInMethod {
  @ApiProperty({ enum: ['development', 'oidc', 'none'] })
  method!: 'development' | 'oidc' | 'none';

  @ApiPropertyOptional({ example: 'https://id.example.gov.cn/realms/town', description: 'oidc, none: the identity provider' })
  issuer?: string;

  @ApiPropertyOptional({ example: 'whistle-console', description: "oidc: the console's client id at the provider" })
  clientId?: string;

  @ApiPropertyOptional({ example: 'openid profile offline_access', description: 'oidc: the scopes to ask for' })
  scope?: string;

  @ApiPropertyOptional({ example: 'urn:four-level-whistle:api', description: "oidc: the API's resource indicator (RFC 8707), the audience its tokens must carry" })
  resource?: string;

  @ApiPropertyOptional({ description: "oidc: the provider's authorization endpoint" })
  authorizationEndpoint?: string;

  @ApiPropertyOptional({ description: "oidc: the provider's token endpoint" })
  tokenEndpoint?: string;

  @ApiPropertyOptional({ description: "oidc: the provider's end-session (sign-out) endpoint, when it has one" })
  endSessionEndpoint?: string;
}
