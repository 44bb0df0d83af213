import { Button, Form, Input, Radio, Typography } from 'antd';
import { api } from '../../api/client';
import type { EvaluationView } from '../../api/supervision-types';
import type { CommandResult } from '../../api/types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { untilRatingShows } from './evaluation-request';

interface WhistleRatingValues {
  justified: boolean;
  informationAccurate: boolean;
  comment: string;
  reason?: string;
}

const FIELDS = {
  justified: { name: 'justified', label: 'evaluation.justified' },
  informationAccurate: { name: 'informationAccurate', label: 'evaluation.informationAccurate' },
  comment: { name: 'comment', label: 'evaluation.comment' },
  reason: { name: 'reason', label: 'evaluation.amendReason' },
} as const;

/** 评价吹哨: the unit says whether summoning it was justified and the case's information accurate; a second rating amends the first, with a reason. */
export function WhistleRatingForm({ evaluation, onDone }: { evaluation: EvaluationView; onDone: () => void }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<WhistleRatingValues>();
  const command = useCommand(form, FIELDS, t);
  const current = evaluation.whistleRating;
  const submit = async ({ reason, ...values }: WhistleRatingValues) => {
    const body = current ? { ...values, amends: current.ratingId, reason } : values;
    let ratingId = '';
    const sent = await command.run(async () => {
      ratingId = (await api<CommandResult & { ratingId: string }>('POST', `/api/supervision/tasks/${evaluation.taskId}/whistle-rating`, { token, body })).ratingId;
    }, t('evaluation.saved'));
    if (sent) {
      await untilRatingShows(token, evaluation.taskId, 'whistle', ratingId);
      onDone();
    }
  };
  const yesNo = (testId: string, label: string) => (
    <Radio.Group
      aria-label={label}
      data-testid={testId}
      optionType="button"
      options={[
        { value: true, label: t('common.yes') },
        { value: false, label: t('common.no') },
      ]}
    />
  );
  return (
    <PanelBody error={command.error} testId="whistle-rating-form">
      <Form<WhistleRatingValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={current ? { justified: current.justified, informationAccurate: current.informationAccurate } : {}}>
        <Form.Item name="justified" label={t('evaluation.justified')} rules={[{ required: true, message: t('evaluation.choiceNeeded') }]}>
          {yesNo('rate-justified', t('evaluation.justified'))}
        </Form.Item>
        <Form.Item name="informationAccurate" label={t('evaluation.informationAccurate')} rules={[{ required: true, message: t('evaluation.choiceNeeded') }]}>
          {yesNo('rate-accurate', t('evaluation.informationAccurate'))}
        </Form.Item>
        <Form.Item name="comment" label={t('evaluation.comment')} rules={[{ required: true, whitespace: true, message: t('evaluation.commentNeeded') }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="whistle-rating-comment" />
        </Form.Item>
        {current && (
          <Form.Item name="reason" label={t('evaluation.amendReason')} rules={[{ required: true, whitespace: true, message: t('evaluation.reasonNeeded') }]}>
            <Input data-testid="whistle-rating-reason" maxLength={500} />
          </Form.Item>
        )}
        {current && <Typography.Paragraph type="secondary">{t('evaluation.amendNote')}</Typography.Paragraph>}
        <Button type="primary" htmlType="submit" loading={command.busy} data-testid="whistle-rating-submit">
          {t(current ? 'evaluation.amend' : 'evaluation.submit')}
        </Button>
      </Form>
    </PanelBody>
  );
}
