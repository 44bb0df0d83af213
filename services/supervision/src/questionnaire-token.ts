import { createHash, randomBytes } from 'node:crypto';

/**
 * A questionnaire link's token: 32 random bytes, base64url, so it cannot be guessed; the events
 * keep only its SHA-256 (hex), so the link cannot be read back from the record either.
 */
export function newQuestionnaireToken(): { token: string; tokenSha256: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenSha256: tokenSha256Of(token) };
}

export function tokenSha256Of(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
