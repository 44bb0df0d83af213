import { isMessageKey, type Translate } from '../i18n/i18n';
import { ApiError } from './client';

export interface ErrorDescription {
  readonly title: string;
  /** What the user can do about it. */
  readonly action: string;
  /** The server's own words, when they add something (English, as the API speaks). */
  readonly serverMessage: string | null;
  /** Per bad field of a 400: the field's name and the server's message. */
  readonly fields: readonly { readonly field: string; readonly message: string }[];
}

function statusKey(status: number): '400' | '401' | '403' | '404' | '409' | '412' | '413' | '429' | '5xx' | 'network' {
  if (status === 0) return 'network';
  if (status >= 500) return '5xx';
  const known = ['400', '401', '403', '404', '409', '412', '413', '429'] as const;
  return known.find((k) => k === String(status)) ?? '5xx';
}

/** An API error in the user's language, with what to do about it; a known refusal code gets its own sentence. */
export function describeError(error: unknown, t: Translate): ErrorDescription {
  const apiError = error instanceof ApiError ? error : new ApiError(0, error instanceof Error ? error.message : String(error));
  const key = statusKey(apiError.status);
  const refusal = apiError.code ? `refusal.${apiError.code}` : '';
  const title = isMessageKey(refusal) ? t(refusal) : t(`error.${key}.title`);
  // A refusal may say better what to do than its status does (a 503 that is only "not yet").
  const refusalAction = `${refusal}.action`;
  const fields = apiError.details.flatMap((d) => (d.field ? [{ field: d.field, message: d.message ?? '' }] : []));
  return {
    title,
    action: refusal && isMessageKey(refusalAction) ? t(refusalAction) : t(`error.${key}.action`),
    serverMessage: key === 'network' || !apiError.message ? null : apiError.message,
    fields,
  };
}
