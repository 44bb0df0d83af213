import { contentSecurityDirectives } from '@whistle/http';
import helmet from 'helmet';

/**
 * The nginx variable holding the identity provider's origin, where the services add the origin of
 * its token endpoint to connect-src: the console's sign-in fetches tokens from there. nginx fills
 * it from the issuer (see renderNginxConf); it is empty where no provider is set.
 */
export const IDENTITY_PROVIDER_ORIGIN_VARIABLE = '$identity_provider_origin';

/**
 * The security headers the services send (helmet with the policy of contentSecurityDirectives), for
 * the answers nginx makes itself: the console's files and its own error pages. Read from helmet
 * itself, by letting it set them on a stand-in response, so the proxy's set cannot drift from the
 * services' when helmet or the policy changes.
 */
export function consoleSecurityHeaders(): ReadonlyArray<readonly [name: string, value: string]> {
  const headers: Array<[string, string]> = [];
  const response = {
    setHeader: (name: string, value: string) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  const middleware = helmet({ contentSecurityPolicy: { useDefaults: false, directives: contentSecurityDirectives({ connectSources: [IDENTITY_PROVIDER_ORIGIN_VARIABLE] }) } });
  middleware({} as never, response as never, () => undefined);
  if (headers.length === 0) throw new Error('helmet set no header on the stand-in response: its middleware no longer works as this expects');
  return headers;
}
