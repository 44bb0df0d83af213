import { useEffect, useRef, useState } from 'react';
import { Alert, Card, DatePicker, Descriptions, Slider, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { CaseStateAt, HistoryEntry } from '../../api/audit-types';
import { useLoad } from '../../api/use-load';
import { LevelTag, StatusTag } from '../../components/case-tags';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { useUnitName } from '../office/unit-names';
import { eventLabel } from './audit-labels';

/**
 * 历史状态: the case as it stood at a moment (`state?at=`), picked on a slider that steps from
 * event to event, or exactly with a date and time.
 */
export function StateAtMoment({ caseId, events }: { caseId: string; events: readonly HistoryEntry[] }) {
  const { t, locale, nameOf } = useI18n();
  const { token } = useSignedIn();
  const unitName = useUnitName();
  const [at, setAt] = useState<string | null>(null);
  const [step, setStep] = useState(events.length);
  const moment = at ?? events.at(-1)?.recordedAt ?? new Date().toISOString();
  const state = useLoad((signal) => api<CaseStateAt>('GET', `/api/audit/cases/${caseId}/state`, { token, signal, query: { at: moment } }), `${token}|${caseId}|${moment}`);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const s = state.data;
  const lastEvent = s?.asOf.lastEventId ? events.findIndex((e) => e.eventId === s.asOf.lastEventId) : -1;
  // Dragging or stepping with the keys asks for the state once the handle rests a moment.
  const resting = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(resting.current), []);
  const slide = (n: number) => {
    setStep(n);
    clearTimeout(resting.current);
    const event = events[n - 1];
    if (event) resting.current = setTimeout(() => setAt(event.recordedAt), 250);
  };
  // An exact moment puts the handle on the last event recorded by then.
  const pickMoment = (instant: string) => {
    setAt(instant);
    setStep(Math.max(1, events.filter((e) => Date.parse(e.recordedAt) <= Date.parse(instant)).length));
  };

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('audit.state.title')}
        </Typography.Title>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text id="state-slider-label">{t('audit.state.slider')}</Typography.Text>
        <div data-testid="state-slider">
        <Slider
          min={1}
          max={Math.max(1, events.length)}
          value={step}
          onChange={slide}
          ariaLabelledByForHandle="state-slider-label"
          ariaValueTextFormatterForHandle={(n) => (n === undefined ? '' : `${n}. ${eventLabel(t, events[n - 1]?.type ?? '')}`)}
          tooltip={{ formatter: (n) => (n === undefined ? '' : `${n}. ${eventLabel(t, events[n - 1]?.type ?? '')} · ${format.format(new Date(events[n - 1]?.recordedAt ?? 0))}`) }}
        />
        </div>
        <Space wrap>
          <span>{t('audit.state.moment')}</span>
          <DatePicker
            aria-label={t('audit.state.moment')}
            data-testid="state-moment"
            showTime
            allowClear={false}
            value={dayjs(moment)}
            onChange={(value) => value && pickMoment(value.toISOString())}
          />
        </Space>
        {state.error !== null && <ErrorAlert error={state.error} onRetry={state.reload} />}
        {s && (
          <>
            <Alert
              type="info"
              data-testid="state-as-of"
              title={t('audit.state.asOf', { time: format.format(new Date(s.asOf.at)), n: s.asOf.eventsApplied })}
              description={lastEvent >= 0 ? t('audit.state.lastEvent', { n: lastEvent + 1, type: eventLabel(t, events[lastEvent]?.type ?? '') }) : undefined}
            />
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="state-facts">
              <Descriptions.Item label={t('case.status')}>
                <span data-testid="state-status">
                  <StatusTag status={s.status} />
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('case.level')}>
                <LevelTag level={s.level} />
              </Descriptions.Item>
              <Descriptions.Item label={t('case.units')} span={2}>
                {s.units.length ? s.units.map((u) => nameOf(s.unitNames[u], u)).join('、') : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('case.tasks')} span={2}>
                {s.tasks.length ? s.tasks.map((task) => `${unitName(task.unitId)}：${t(`taskStatus.${task.status}`)}`).join('；') : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('audit.state.aggregates')} span={2}>
                <Typography.Text code>
                  {t('audit.state.aggregate.intake')} {s.aggregates.intake.status} · {t('audit.state.aggregate.escalation')} {s.aggregates.escalation.status} · {t('audit.state.aggregate.adjudication')} {s.aggregates.adjudication.status} · {t('audit.state.aggregate.tasks')}{' '}
                  {s.aggregates.tasks.map((task) => task.state.status).join('/') || '—'}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </>
        )}
      </Space>
    </Card>
  );
}
