import { Button, Form, Input } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { useNeeded } from './catalogue-change';

interface ReasonAndSubmitProps {
  /** names the test ids: `<testId>-reason`, `<testId>-submit` */
  readonly testId: string;
  readonly busy: boolean;
  readonly danger?: boolean;
  readonly label?: string;
}

/** Every change of the catalogue ends the same: the reason it is kept with (required), and the button that sends it. */
export function ReasonAndSubmit({ testId, busy, danger = false, label }: ReasonAndSubmitProps) {
  const { t } = useI18n();
  const needed = useNeeded();
  return (
    <>
      <Form.Item name="reason" label={t('catalogue.field.reason')} rules={needed(t('catalogue.field.reason'))}>
        <Input.TextArea maxLength={1000} rows={2} data-testid={`${testId}-reason`} />
      </Form.Item>
      <Button type="primary" danger={danger} htmlType="submit" loading={busy} data-testid={`${testId}-submit`}>
        {label ?? t('catalogue.submit')}
      </Button>
    </>
  );
}
