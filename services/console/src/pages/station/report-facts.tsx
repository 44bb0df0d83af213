import { Descriptions, Typography } from 'antd';
import type { FieldCase } from '../../api/field-types';
import { StatusTag } from '../../components/case-tags';
import { useI18n } from '../../i18n/i18n';

/** One report's facts, compact, for comparing two reports side by side. */
export function ReportFacts({ view, testId }: { view: FieldCase; testId: string }) {
  const { t, nameOf, locale } = useI18n();
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Descriptions size="small" column={1} bordered data-testid={testId}>
      <Descriptions.Item label={t('case.status')}>
        <StatusTag status={view.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('case.reportedAt')}>{view.reportedAt ? format.format(new Date(view.reportedAt)) : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('case.compound')}>{nameOf(view.compoundName, view.compoundId)}</Descriptions.Item>
      <Descriptions.Item label={t('case.category')}>{nameOf(view.categoryName, view.category)}</Descriptions.Item>
      <Descriptions.Item label={t('case.location')}>{view.location ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('case.description')}>{view.description}</Descriptions.Item>
      <Descriptions.Item label={t('case.channel')}>{view.channel ? t(`channel.${view.channel}`) : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('evidence.label')}>
        {view.evidence.length === 0 ? '—' : <Typography.Text>{t('evidence.count', { n: view.evidence.length })}</Typography.Text>}
      </Descriptions.Item>
    </Descriptions>
  );
}
