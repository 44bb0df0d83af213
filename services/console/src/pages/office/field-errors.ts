import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.zh-CN';

/**
 * A 400's bad fields marked on the form, by the names the API gives them (`invitedUnits[1]` is
 * the form's `invitedUnits`); what was typed stays.
 */
export function markBadFields(form: FormInstance, error: unknown, labels: Readonly<Record<string, MessageKey>>, t: Translate): void {
  if (!(error instanceof ApiError) || error.status !== 400) return;
  form.setFields(
    error.details.flatMap((d) => {
      const name = d.field?.replace(/\[\d+\]$/, '');
      const label = name === undefined ? undefined : labels[name];
      return name && label ? [{ name, errors: [t('error.400.field', { field: t(label) })] }] : [];
    }),
  );
}
