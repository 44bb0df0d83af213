export type InvalidTokenReason =
  | 'malformed'
  | 'expired'
  | 'too_long_lived'
  | 'not_yet_valid'
  | 'bad_signature'
  | 'unknown_key'
  | 'wrong_algorithm'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'missing_claim'
  | 'unknown_role';

/** A token that must not be trusted; `reason` says which check failed, the message says how. */
export class InvalidToken extends Error {
  override readonly name = 'InvalidToken';
  constructor(
    readonly reason: InvalidTokenReason,
    message: string,
  ) {
    super(message);
  }
}

/** Options that cannot produce or check a token safely, found before any token is handled. */
export class InvalidTokenOptions extends Error {
  override readonly name = 'InvalidTokenOptions';
}
