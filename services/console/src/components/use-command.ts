import { useCallback, useState } from 'react';
import { App, type FormInstance } from 'antd';
import { ApiError } from '../api/client';
import type { Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.zh-CN';

export interface Command {
  readonly busy: boolean;
  /** The last refusal or failure, for the form to show (ErrorAlert, in the user's language); null after a success. */
  readonly error: unknown;
  /**
   * Runs `send`; true when it succeeded, and then `success` shows for a few seconds (it outlives
   * the panel, which the case's next state may no longer offer). What the user typed stays in the
   * form on an error. The client remembers the command's position, so the reads that follow it
   * answer only once they show its effect.
   */
  readonly run: (send: () => Promise<unknown>, success?: string) => Promise<boolean>;
}

/** A form field by the name the API gives it in a 400's details: the form's name for it, and its label. */
export type CommandFields = Readonly<Record<string, { readonly name: string; readonly label: MessageKey }>>;

/**
 * A form's or a button's command: busy while it runs, its error kept for the form to show, and
 * each bad field of a 400 marked on the form (`invitedUnits[1]` marks the form's `invitedUnits`).
 */
export function useCommand(form?: FormInstance, fields: CommandFields = {}, t?: Translate): Command {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();
  const run = useCallback(
    async (send: () => Promise<unknown>, success?: string) => {
      setBusy(true);
      setError(null);
      try {
        await send();
        if (success) void message.success(success);
        return true;
      } catch (e) {
        setError(e);
        if (form && t && e instanceof ApiError && e.status === 400) {
          const marked = e.details.flatMap((d) => {
            const field = d.field === undefined ? undefined : fields[d.field.replace(/\[\d+\]$/, '')];
            return field ? [{ name: field.name, errors: [t('error.400.field', { field: t(field.label) })] }] : [];
          });
          form.setFields(marked);
        }
        return false;
      } finally {
        setBusy(false);
      }
    },
    [form, fields, t, message],
  );
  return { busy, error, run };
}
