import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { CaseResolution, FieldCase, FieldTask } from '../../api/field-types';
import { useI18n } from '../../i18n/i18n';

/** The resolution behind tasks of `resolutionId` (a resolution task's whistleId), wherever the case view holds it. */
export function resolutionOf(view: FieldCase, resolutionId: string): CaseResolution | null {
  for (const { decision } of view.adjudication?.meetings ?? []) {
    if (decision?.kind === 'resolution' && decision.resolutionId === resolutionId) return decision;
  }
  const latest = view.adjudication?.resolution ?? null;
  return latest?.resolutionId === resolutionId ? latest : null;
}

/**
 * 联合执法: what a joint meeting resolved for the case, and how each unit it binds stands with its
 * task; on a lead or supporting unit's task (`task`) with that unit's part in it, on the case page
 * for whoever follows the case.
 */
export function JointEnforcementCard({ view, resolutionId, task }: { view: FieldCase; resolutionId: string; task?: FieldTask }) {
  const { t, nameOf, locale } = useI18n();
  const resolution = resolutionOf(view, resolutionId);
  const unit = (unitId: string) => nameOf(view.unitNames[unitId], unitId);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const title = <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('joint.title')}</Typography.Title>;
  if (!resolution) {
    return (
      <Card title={title}>
        <Typography.Text type="secondary">{t('joint.notYet')}</Typography.Text>
      </Card>
    );
  }
  const tasks = view.tasks.filter((candidate) => candidate.whistleId === resolutionId).sort((a, b) => Number(b.role === 'lead') - Number(a.role === 'lead'));
  const open = task && (task.status === 'assigned' || task.status === 'reported_in' || task.status === 'accepted');
  return (
    <Card title={title} data-testid="joint-enforcement">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {task && (
          <Alert
            type="info"
            showIcon
            title={`${t('joint.duty')} · ${t(`task.role.${task.role === 'lead' ? 'lead' : 'supporting'}`)}`}
            description={
              <span data-testid="joint-duty">
                {t(task.role === 'lead' ? 'joint.duty.lead' : 'joint.duty.supporting', { lead: unit(resolution.leadUnit) })}
                {open && (
                  <>
                    <br />
                    {t('joint.binding')}
                  </>
                )}
              </span>
            }
          />
        )}
        <Descriptions size="small" column={1} bordered data-testid="joint-resolution">
          <Descriptions.Item label={t('joint.lead')}>{unit(resolution.leadUnit)}</Descriptions.Item>
          <Descriptions.Item label={t('joint.supporting')}>{resolution.supportingUnits.length ? resolution.supportingUnits.map(unit).join('、') : t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('joint.measures')}>
            <span data-testid="joint-measures">{resolution.measures}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('joint.deadline')}>{format.format(new Date(resolution.deadline))}</Descriptions.Item>
          <Descriptions.Item label={t('joint.adoptedAt')}>{format.format(new Date(resolution.adoptedAt))}</Descriptions.Item>
        </Descriptions>
        {tasks.length > 0 && (
          <Descriptions size="small" column={1} bordered title={<Typography.Title level={3} style={{ fontSize: 14, margin: 0 }}>{t('joint.progress')}</Typography.Title>} data-testid="joint-progress">
            {tasks.map((other) => (
              <Descriptions.Item key={other.taskId} label={t('joint.unitRole', { unit: unit(other.unitId), role: t(`task.role.${other.role === 'lead' ? 'lead' : 'supporting'}`) })}>
                <span data-testid={`joint-progress-${other.unitId}`}>
                  <Tag>{t(`taskStatus.${other.status}`)}</Tag>
                  {other.outcome && t('joint.outcome', { result: t(`outcome.result.${other.outcome.result}`), note: other.outcome.note })}
                </span>
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Space>
    </Card>
  );
}
