import { Alert, Button, Typography } from 'antd';
import { describeError } from '../api/describe-error';
import { useI18n } from '../i18n/i18n';

/** An API error in the user's language: what went wrong, what to do, and the server's own words. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const described = describeError(error, t);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error-alert"
      title={described.title}
      description={
        <>
          <div>{described.action}</div>
          {described.serverMessage && <Typography.Text type="secondary">{t('error.serverSaid', { message: described.serverMessage })}</Typography.Text>}
        </>
      }
      action={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
