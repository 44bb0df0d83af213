/** Reads a JSON document over HTTP(S); the port the issuer's metadata and keys come through. */
export type FetchJson = (url: string) => Promise<unknown>;

/** A provider that does not answer within this is treated as not answering. */
const TIMEOUT_MS = 5_000;

export const fetchJson: FetchJson = async (url) => {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`${url} does not answer (${cause?.code ?? cause?.message ?? (error as Error).message})`);
  }
  if (!response.ok) throw new Error(`${url} answers ${response.status} ${response.statusText}`);
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new Error(`${url} does not answer JSON`);
  }
};
