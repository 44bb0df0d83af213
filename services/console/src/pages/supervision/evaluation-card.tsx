import { useState, type ReactNode } from 'react';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { EvaluationView, UnitRating, WhistleRating } from '../../api/supervision-types';
import { useI18n } from '../../i18n/i18n';
import { useNames, useWhen } from './names';
import { UnitRatingForm } from './unit-rating-form';
import { WhistleRatingForm } from './whistle-rating-form';

/** Labels kept on one line: on a phone a bordered label would otherwise break after every character. */
const LABELS = { label: { whiteSpace: 'nowrap' } } as const;

/** Which direction of the evaluation the signed-in user may rate here, if any. */
export type Rater = 'station' | 'unit' | null;

/**
 * One task's two-way evaluation (双向评价): the station's current rating of the unit's response and
 * the unit's of the whistle, each with how many earlier ones it replaced; the rater's side offers
 * its form (评价部门响应 / 评价吹哨), or, once rated, an amendment with a reason.
 */
export function EvaluationCard({ evaluation, rater, onRated }: { evaluation: EvaluationView; rater: Rater; onRated: () => void }) {
  const { t } = useI18n();
  const names = useNames();
  const when = useWhen();
  return (
    <Card
      size="small"
      data-testid={`evaluation-${evaluation.taskId}`}
      title={
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0, whiteSpace: 'normal' }}>
          {t('evaluation.cardTitle', { unit: names.unit(evaluation.unitId) })}
        </Typography.Title>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space size={4} wrap>
          <Tag>{t(`evaluation.ending.${evaluation.ending}`)}</Tag>
          <Typography.Text type="secondary">{when(evaluation.endedAt)}</Typography.Text>
        </Space>
        <RatingSide title={t('evaluation.unitRating.title')} rated={evaluation.unitRating !== null} mayRate={rater === 'station'} testId="unit-rating" form={(done) => <UnitRatingForm evaluation={evaluation} onDone={() => (done(), onRated())} />}>
          {evaluation.unitRating && <UnitRatingShown rating={evaluation.unitRating} earlier={evaluation.unitRatings.length - 1} />}
        </RatingSide>
        <RatingSide title={t('evaluation.whistleRating.title')} rated={evaluation.whistleRating !== null} mayRate={rater === 'unit'} testId="whistle-rating" form={(done) => <WhistleRatingForm evaluation={evaluation} onDone={() => (done(), onRated())} />}>
          {evaluation.whistleRating && <WhistleRatingShown rating={evaluation.whistleRating} earlier={evaluation.whistleRatings.length - 1} />}
        </RatingSide>
      </Space>
    </Card>
  );
}

/** One direction: its current rating (or that there is none yet), and the rater's form or amend button. */
function RatingSide({ title, rated, mayRate, testId, form, children }: { title: string; rated: boolean; mayRate: boolean; testId: string; form: (done: () => void) => ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  const [amending, setAmending] = useState(false);
  return (
    <section aria-label={title} data-testid={testId}>
      <Typography.Title level={4} style={{ fontSize: 14 }}>
        {title}
      </Typography.Title>
      {rated ? children : <Typography.Text type="secondary" data-testid={`${testId}-none`}>{t(mayRate ? 'evaluation.awaitingYou' : 'evaluation.notYet')}</Typography.Text>}
      {mayRate && !rated && form(() => undefined)}
      {mayRate && rated && !amending && (
        <Button style={{ marginTop: 8 }} onClick={() => setAmending(true)} data-testid={`${testId}-amend`}>
          {t('evaluation.amendOpen')}
        </Button>
      )}
      {mayRate && rated && amending && form(() => setAmending(false))}
    </section>
  );
}

function UnitRatingShown({ rating, earlier }: { rating: UnitRating; earlier: number }) {
  const { t } = useI18n();
  const when = useWhen();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} styles={LABELS} data-testid="unit-rating-current">
      <Descriptions.Item label={t('evaluation.score')}>
        <span data-testid="unit-rating-score">{rating.score}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('evaluation.marks')}>
        {t('evaluation.marksText', { timeliness: rating.timeliness, effectiveness: rating.effectiveness, cooperation: rating.cooperation })}
      </Descriptions.Item>
      <Descriptions.Item label={t('evaluation.comment')} span={2}>
        {rating.comment}
      </Descriptions.Item>
      <Descriptions.Item label={t('evaluation.ratedAt')} span={2}>
        {t('evaluation.ratedBy', { time: when(rating.ratedAt), who: rating.ratedBy })}
        {rating.amendment && ` · ${t('evaluation.amended', { reason: rating.amendment.reason, count: earlier })}`}
      </Descriptions.Item>
    </Descriptions>
  );
}

function WhistleRatingShown({ rating, earlier }: { rating: WhistleRating; earlier: number }) {
  const { t } = useI18n();
  const when = useWhen();
  const yesNo = (value: boolean) => t(value ? 'common.yes' : 'common.no');
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} styles={LABELS} data-testid="whistle-rating-current">
      <Descriptions.Item label={t('evaluation.justified')}>{yesNo(rating.justified)}</Descriptions.Item>
      <Descriptions.Item label={t('evaluation.informationAccurate')}>{yesNo(rating.informationAccurate)}</Descriptions.Item>
      <Descriptions.Item label={t('evaluation.comment')} span={2}>
        {rating.comment}
      </Descriptions.Item>
      <Descriptions.Item label={t('evaluation.ratedAt')} span={2}>
        {t('evaluation.ratedBy', { time: when(rating.ratedAt), who: rating.ratedBy })}
        {rating.amendment && ` · ${t('evaluation.amended', { reason: rating.amendment.reason, count: earlier })}`}
      </Descriptions.Item>
    </Descriptions>
  );
}
