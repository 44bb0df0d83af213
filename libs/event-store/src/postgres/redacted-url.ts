/**
 * A connection URL as a message may show it: its password, in the user part or as a `password`
 * parameter, replaced by ***. A URL that does not parse (a password with a raw `/` breaks it) is
 * not shown at all, since where its password ends cannot be told.
 */
export function redactedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(a URL that cannot be parsed, not shown: it may hold a password)';
  }
  if (parsed.password !== '') parsed.password = '***';
  for (const name of [...parsed.searchParams.keys()]) if (name.toLowerCase() === 'password') parsed.searchParams.set(name, '***');
  return parsed.toString();
}
