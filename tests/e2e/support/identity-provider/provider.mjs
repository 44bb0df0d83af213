// A real OpenID provider (the `oidc-provider` package, its own login and consent pages) for the
// tests, started as a process of its own by identity-provider.ts: oidc-provider is an ES module,
// and a separate process is what a deployment's provider is anyway. Configured by FLW_IDP (JSON):
//   { port, consoleOrigin, audience, keys: [private JWKs], accounts: { id: { name, claims } },
//     robots: { clientId: { secret, claims } }, accessTokenTtl }
// Every account signs in with any password (the package's development interactions).
import Provider, { errors } from 'oidc-provider';

const config = JSON.parse(process.env.FLW_IDP ?? '{}');
const issuer = `http://127.0.0.1:${config.port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'whistle-console',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [`${config.consoleOrigin}/auth/callback`],
      post_logout_redirect_uris: [`${config.consoleOrigin}/`],
    },
    ...Object.entries(config.robots ?? {}).map(([clientId, robot]) => ({
      client_id: clientId,
      client_secret: robot.secret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    })),
  ],
  jwks: { keys: config.keys },
  cookies: { keys: ['four-level-whistle-test-provider'] },
  findAccount: (_ctx, id) => {
    const account = config.accounts?.[id];
    return account ? { accountId: id, claims: () => ({ sub: id, name: account.name }) } : undefined;
  },
  claims: { openid: ['sub'], profile: ['name'] },
  ttl: { AccessToken: config.accessTokenTtl ?? 600, IdToken: 600, RefreshToken: 3600, Session: 3600, Grant: 3600, Interaction: 600 },
  // Refresh tokens for every client allowed the grant, as Keycloak does, rather than only with
  // offline_access (which OpenID Connect grants only with prompt=consent, so on every sign-in).
  issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  // The role and scope claims the API reads, put in the access token as a provider's claim mapping would.
  extraTokenClaims: (_ctx, token) => (token.accountId ? config.accounts?.[token.accountId]?.claims : config.robots?.[token.clientId]?.claims),
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (_ctx, _client, oneOf) => oneOf ?? config.audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator) => {
        if (indicator !== config.audience) throw new errors.InvalidTarget();
        return { scope: 'whistle', audience: config.audience, accessTokenFormat: 'jwt', accessTokenTTL: config.accessTokenTtl ?? 600, jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
});
provider.proxy = false;

const server = provider.listen(config.port, '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
