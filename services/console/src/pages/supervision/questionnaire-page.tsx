import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Radio, Result, Space, Spin, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import type { PublicQuestionnaire } from '../../api/supervision-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { PublicFrame } from './public-frame';

/** The five answers and the scores they stand for (非常满意 100 … 非常不满意 20). */
const ANSWERS = [100, 80, 60, 40, 20] as const;

/** Why a questionnaire takes no more answers, as far as the page can tell. */
function closedWhy(q: PublicQuestionnaire): 'full' | 'expired' | 'closed' {
  if (q.responses >= q.maxResponses) return 'full';
  if (Date.parse(q.expiresAt) <= Date.now()) return 'expired';
  return 'closed';
}

/**
 * 满意度问卷: a resident, without signing in, says how satisfied they are with the property service
 * of their compound; one answer, anonymous, counted in the quarter's assessment.
 */
export default function QuestionnairePage() {
  const { token = '' } = useParams();
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ score: number }>();
  const command = useCommand();
  const [thanked, setThanked] = useState(false);
  const questionnaire = useLoad((signal) => api<PublicQuestionnaire>('GET', `/api/public/questionnaires/${encodeURIComponent(token)}`, { signal }), token);
  const q = questionnaire.data;
  const submit = async ({ score }: { score: number }) => {
    if (await command.run(() => api('POST', `/api/public/questionnaires/${encodeURIComponent(token)}/responses`, { body: { score } }))) setThanked(true);
    else questionnaire.reload();
  };
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  const unknown = questionnaire.error instanceof ApiError && questionnaire.error.status === 404;
  const refused = command.error instanceof ApiError && command.error.status === 409;
  return (
    <PublicFrame maxWidth={560}>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('survey.title')}
          </Typography.Title>
        }
      >
        {thanked ? (
          <Result status="success" title={t('survey.thanks')} subTitle={t('survey.thanksDetail')} data-testid="survey-thanks" />
        ) : unknown ? (
          <Result status="warning" title={t('survey.unknown')} data-testid="survey-unknown" />
        ) : questionnaire.error !== null ? (
          <ErrorAlert error={questionnaire.error} onRetry={questionnaire.reload} />
        ) : !q ? (
          <Spin />
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Descriptions size="small" bordered column={1} data-testid="survey-facts">
              <Descriptions.Item label={t('survey.firm')}>{q.firmName}</Descriptions.Item>
              <Descriptions.Item label={t('survey.compound')}>{q.compoundId}</Descriptions.Item>
              <Descriptions.Item label={t('survey.quarter')}>{q.quarter}</Descriptions.Item>
              <Descriptions.Item label={t('survey.until')}>{day.format(new Date(q.expiresAt))}</Descriptions.Item>
            </Descriptions>
            {!q.open || refused ? (
              <Alert type="warning" showIcon data-testid="survey-closed" title={t(`survey.closed.${closedWhy(q)}`)} />
            ) : (
              <>
                {command.error !== null && <ErrorAlert error={command.error} />}
                <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
                  <Form.Item name="score" label={t('survey.question')} rules={[{ required: true, message: t('survey.answerNeeded') }]}>
                    <Radio.Group data-testid="survey-answer" aria-label={t('survey.question')}>
                      <Space orientation="vertical">
                        {ANSWERS.map((score) => (
                          <Radio key={score} value={score}>
                            {t(`survey.answer.${score}`)}
                          </Radio>
                        ))}
                      </Space>
                    </Radio.Group>
                  </Form.Item>
                  <Typography.Paragraph type="secondary">{t('survey.anonymous')}</Typography.Paragraph>
                  <Button type="primary" htmlType="submit" block size="large" loading={command.busy} data-testid="survey-submit">
                    {t('survey.submit')}
                  </Button>
                </Form>
              </>
            )}
          </Space>
        )}
      </Card>
    </PublicFrame>
  );
}
