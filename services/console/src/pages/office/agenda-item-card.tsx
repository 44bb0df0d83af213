import { Card, List, Space, Tabs, Tag, Typography } from 'antd';
import type { AgendaItem, Meeting } from '../../api/office-types';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { CaseLabel } from './case-label';
import { DeferForm, OpinionForm, ResolutionForm } from './agenda-forms';
import { useUnitName } from './unit-names';

/** One agenda case: the units' opinions, and its decision, or (while the meeting is open) the forms that record them. */
export function AgendaItemCard({ meeting, item, index, present, onChanged }: { meeting: Meeting; item: AgendaItem; index: number; present: readonly string[]; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { principal } = useSignedIn();
  const unitName = useUnitName();
  const when = (at: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  const undecided = item.decision === null && item.withdrawal === null;
  const editable = principal.role === 'office' && meeting.status === 'open' && undecided;
  const base = `/api/adjudication/meetings/${meeting.meetingId}/cases/${item.caseId}`;
  const decision = () => {
    if (item.withdrawal) return t('meeting.decision.withdrawn', { reason: item.withdrawal.reason });
    if (!item.decision) return t('meeting.decision.undecided');
    if (item.decision.kind === 'deferral') return t('meeting.decision.deferral', { reason: item.decision.reason });
    const { leadUnit, supportingUnits, measures, deadline } = item.decision;
    return t('meeting.decision.resolution', {
      lead: unitName(leadUnit),
      supporting: supportingUnits.length ? t('meeting.decision.supporting', { units: supportingUnits.map(unitName).join('、') }) : '',
      measures,
      deadline: when(deadline),
    });
  };
  return (
    <Card
      data-testid={`agenda-${item.caseId}`}
      title={
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
          {t('meeting.item', { n: index + 1 })} · <CaseLabel caseId={item.caseId} />
        </Typography.Title>
      }
      extra={<Tag color={undecided ? '#874d00' : '#237804'}>{undecided ? t('meeting.decision.undecided') : item.decision?.kind === 'resolution' ? t('minutes.doc.resolution') : t('minutes.doc.deferral')}</Tag>}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t('meeting.opinions')}</Typography.Text>
        <List
          size="small"
          data-testid="opinions"
          locale={{ emptyText: <Typography.Text type="secondary">{t('meeting.opinions.none')}</Typography.Text> }}
          dataSource={[...item.opinions]}
          renderItem={(o) => (
            <List.Item>
              <Typography.Text strong>{unitName(o.unitId)}</Typography.Text>：{o.opinion} <Typography.Text type="secondary">（{when(o.recordedAt)}）</Typography.Text>
            </List.Item>
          )}
        />
        <Typography.Paragraph data-testid="decision" style={{ margin: 0 }}>
          {decision()}
        </Typography.Paragraph>
        {editable && (
          <Tabs
            items={[
              { key: 'opinion', label: t('meeting.opinion.submit'), children: <OpinionForm path={`${base}/opinions`} present={present} onDone={onChanged} /> },
              { key: 'resolution', label: t('meeting.resolution.title'), children: <ResolutionForm path={`${base}/resolution`} present={present} onDone={onChanged} /> },
              { key: 'defer', label: t('meeting.defer.submit'), children: <DeferForm path={`${base}/defer`} onDone={onChanged} /> },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
