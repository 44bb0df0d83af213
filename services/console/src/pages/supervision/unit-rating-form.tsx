import { Button, Form, Input, Rate, Typography } from 'antd';
import { api } from '../../api/client';
import type { EvaluationView } from '../../api/supervision-types';
import type { CommandResult } from '../../api/types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { untilRatingShows } from './evaluation-request';

interface UnitRatingValues {
  timeliness: number;
  effectiveness: number;
  cooperation: number;
  comment: string;
  reason?: string;
}

const MARKS = ['timeliness', 'effectiveness', 'cooperation'] as const;
const FIELDS = {
  timeliness: { name: 'timeliness', label: 'evaluation.timeliness' },
  effectiveness: { name: 'effectiveness', label: 'evaluation.effectiveness' },
  cooperation: { name: 'cooperation', label: 'evaluation.cooperation' },
  comment: { name: 'comment', label: 'evaluation.comment' },
  reason: { name: 'reason', label: 'evaluation.amendReason' },
} as const;

/**
 * 评价部门响应: the station's marks (1–5 stars) of a unit's response and a comment; given a current
 * rating, the form amends it and asks why (the earlier one stays in the record).
 */
export function UnitRatingForm({ evaluation, onDone }: { evaluation: EvaluationView; onDone: () => void }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<UnitRatingValues>();
  const command = useCommand(form, FIELDS, t);
  const current = evaluation.unitRating;
  const submit = async ({ reason, ...values }: UnitRatingValues) => {
    const body = current ? { ...values, amends: current.ratingId, reason } : values;
    let ratingId = '';
    const sent = await command.run(async () => {
      ratingId = (await api<CommandResult & { ratingId: string }>('POST', `/api/supervision/tasks/${evaluation.taskId}/unit-rating`, { token, body })).ratingId;
    }, t('evaluation.saved'));
    if (sent) {
      await untilRatingShows(token, evaluation.taskId, 'unit', ratingId);
      onDone();
    }
  };
  return (
    <PanelBody error={command.error} testId="unit-rating-form">
      <Form<UnitRatingValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={current ? { timeliness: current.timeliness, effectiveness: current.effectiveness, cooperation: current.cooperation } : {}}>
        {MARKS.map((mark) => (
          <Form.Item key={mark} name={mark} label={t(`evaluation.${mark}`)} extra={t(`evaluation.${mark}.help`)} rules={[{ required: true, message: t('evaluation.marksNeeded') }]}>
            <Stars label={t(`evaluation.${mark}`)} testId={`rate-${mark}`} />
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('evaluation.comment')} rules={[{ required: true, whitespace: true, message: t('evaluation.commentNeeded') }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="unit-rating-comment" />
        </Form.Item>
        {current && (
          <Form.Item name="reason" label={t('evaluation.amendReason')} rules={[{ required: true, whitespace: true, message: t('evaluation.reasonNeeded') }]}>
            <Input data-testid="unit-rating-reason" maxLength={500} />
          </Form.Item>
        )}
        {current && <Typography.Paragraph type="secondary">{t('evaluation.amendNote')}</Typography.Paragraph>}
        <Button type="primary" htmlType="submit" loading={command.busy} data-testid="unit-rating-submit">
          {t(current ? 'evaluation.amend' : 'evaluation.submit')}
        </Button>
      </Form>
    </PanelBody>
  );
}

interface StarsProps {
  readonly label: string;
  readonly testId: string;
  readonly id?: string;
  readonly value?: number;
  readonly onChange?: (value: number) => void;
  readonly 'aria-describedby'?: string;
}

/**
 * Ant Design's stars as a form control. The stars are a list of radios: the form's aria-required
 * and aria-invalid are not for a list (axe: aria-allowed-attr), so only its description and the
 * name reach it; the form says what is missing in words beside it.
 */
function Stars({ label, testId, id, value, onChange, 'aria-describedby': describedBy }: StarsProps) {
  return <Rate id={id} value={value} onChange={onChange} aria-label={label} aria-describedby={describedBy} data-testid={testId} />;
}
