import { useCallback, useState } from 'react';
import { App, type FormInstance } from 'antd';
import { ApiError, api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { formPathOf } from './change-paths';

export interface CatalogueChange {
  readonly busy: boolean;
  /** The last refusal or failure, for CatalogueChangeError; null after a success. */
  readonly error: unknown;
  /** Sends the change with the catalogue's revision as If-Match; true when it was recorded. */
  readonly send: (method: 'PUT' | 'POST', path: string, body: unknown, success: string) => Promise<boolean>;
}

/**
 * A change of the catalogue from a form: sent with If-Match of the revision the page shows, so a
 * change made meanwhile by someone else is not overwritten unseen (412: the page loads the
 * catalogue afresh and the form keeps what was typed). Each field a 400 names is marked on the
 * form, with the server's words, when the form has it; `prefix` is the body's member the form
 * edits (`entry`, `deadlines`, `policies`).
 */
export function useCatalogueChange(form: FormInstance, prefix: string, revision: number, reload: () => void): CatalogueChange {
  const { token } = useSignedIn();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = useCallback(
    async (method: 'PUT' | 'POST', path: string, body: unknown, success: string) => {
      setBusy(true);
      setError(null);
      try {
        // Before the first change the catalogue has no stream: If-Match can name no revision then.
        // The reads after it wait (After-Position) until the read side has the change in force.
        await api(method, path, { token, body, ...(revision >= 0 ? { ifMatch: revision } : {}) });
        void message.success(success);
        return true;
      } catch (e) {
        setError(e);
        if (e instanceof ApiError && e.status === 412) reload();
        if (e instanceof ApiError && e.status === 400) markFields(form, prefix, e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [token, revision, reload, form, prefix, message],
  );
  return { busy, error, send };
}

/** Marks each named field the form has (or its nearest enclosing one) with the server's message, without its path. */
function markFields(form: FormInstance, prefix: string, error: ApiError): void {
  const marked = error.details.flatMap((detail) => {
    const path = detail.field === undefined ? null : formPathOf(detail.field, prefix);
    if (!path) return [];
    for (let length = path.length; length > 0; length -= 1) {
      const name = path.slice(0, length);
      if (form.getFieldInstance(name) !== undefined) {
        const words = (detail.message ?? '').replace(/^[\w.[\]]+: /, '');
        return [{ name, errors: [words] }];
      }
    }
    return [];
  });
  form.setFields(marked);
}

/** The translator's `needed` rule for a required field of the catalogue's forms. */
export function useNeeded() {
  const { t } = useI18n();
  return (what: string) => [{ required: true, whitespace: true, message: t('catalogue.field.needed', { what }) }];
}
