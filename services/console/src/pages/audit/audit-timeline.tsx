import { Card, Collapse, Tag, Timeline, Typography } from 'antd';
import type { HistoryEntry } from '../../api/audit-types';
import { useI18n } from '../../i18n/i18n';
import { useActorNames } from '../office/unit-names';
import { actorLabel, eventLabel } from './audit-labels';

/** Every event of the case across the four services, in the order recorded: who, what, when, what caused it, and its place in the hash chain. */
export function AuditTimeline({ events }: { events: readonly HistoryEntry[] }) {
  const { t, locale } = useI18n();
  const names = useActorNames();
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const numberOf = new Map(events.map((e, i) => [e.eventId, i + 1]));
  const cause = (event: HistoryEntry) => {
    if (event.causationId === null) return '—';
    const n = numberOf.get(event.causationId);
    const cause = n === undefined ? undefined : events[n - 1];
    if (n !== undefined && cause) return <a href={`#event-${n}`}>{t('audit.timeline.causedBy', { n, type: eventLabel(t, cause.type) })}</a>;
    return t('audit.timeline.request');
  };
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('audit.timeline.title')}
        </Typography.Title>
      }
      extra={<Typography.Text type="secondary">{t('audit.timeline.count', { n: events.length })}</Typography.Text>}
    >
      <Timeline
        data-testid="audit-history"
        items={events.map((event, i) => ({
          key: event.eventId,
          content: (
            <div id={`event-${i + 1}`} data-testid={`event-${i + 1}`}>
              <Typography.Text strong>
                {i + 1}. {eventLabel(t, event.type)}
              </Typography.Text>{' '}
              <Tag>{t(`service.${event.service}`)}</Tag>
              <Typography.Text code>{event.type}</Typography.Text>
              <dl style={{ margin: '4px 0', display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(7em, max-content) minmax(14em, 1fr))', columnGap: 12, rowGap: 2 }}>
                <dt>{t('audit.timeline.recordedAt')}</dt>
                <dd style={{ margin: 0 }}>{format.format(new Date(event.recordedAt))}</dd>
                <dt>{t('audit.timeline.when')}</dt>
                <dd style={{ margin: 0 }}>{format.format(new Date(event.occurredAt))}</dd>
                <dt>{t('audit.timeline.who')}</dt>
                <dd style={{ margin: 0 }}>{actorLabel(t, event.actor, names)}</dd>
                <dt>{t('audit.timeline.cause')}</dt>
                <dd style={{ margin: 0 }}>{cause(event)}</dd>
                <dt>{t('audit.timeline.hash')}</dt>
                <dd style={{ margin: 0 }}>
                  <Typography.Text code copyable={{ text: event.hash }} data-testid="event-hash">
                    {event.hash.slice(0, 16)}…
                  </Typography.Text>
                </dd>
                <dt>{t('audit.timeline.prevHash')}</dt>
                <dd style={{ margin: 0 }}>
                  <Typography.Text code>{event.prevHash.slice(0, 16)}…</Typography.Text>{' '}
                  <Typography.Text type="secondary">{t('audit.timeline.stream', { stream: event.streamId, revision: event.revision })}</Typography.Text>
                </dd>
              </dl>
              <Collapse
                size="small"
                ghost
                items={[{ key: 'data', label: t('audit.timeline.data'), children: <pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontSize: 12 }}>{JSON.stringify(event.data, null, 2)}</pre> }]}
              />
            </div>
          ),
        }))}
      />
    </Card>
  );
}
