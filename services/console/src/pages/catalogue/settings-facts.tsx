import { Descriptions } from 'antd';
import type { FullCatalogue } from '../../api/catalogue-admin-types';
import { useI18n } from '../../i18n/i18n';

/** The deadlines and the meeting's policy of a catalogue, read only. */
export function SettingsFacts({ catalogue }: { catalogue: FullCatalogue }) {
  const { t } = useI18n();
  const d = catalogue.deadlines;
  const p = catalogue.policies;
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label={t('deadline.reportIn.2')}>{d.reportIn['2']}</Descriptions.Item>
      <Descriptions.Item label={t('deadline.reportIn.3')}>{d.reportIn['3']}</Descriptions.Item>
      <Descriptions.Item label={t('deadline.grace.2')}>{d.grace['2']}</Descriptions.Item>
      <Descriptions.Item label={t('deadline.grace.3')}>{d.grace['3']}</Descriptions.Item>
      <Descriptions.Item label={t('deadline.activity')}>{d.activity}</Descriptions.Item>
      <Descriptions.Item label={t('deadline.tabling')}>{d.tabling}</Descriptions.Item>
      <Descriptions.Item label={t('deadline.resolutionTasks')}>{d.resolutionTasks}</Descriptions.Item>
      <Descriptions.Item label={t('deadline.reopenWindow')}>{d.reopenWindow}</Descriptions.Item>
      <Descriptions.Item label={t('deadline.duplicateWindow')}>{d.duplicateWindow}</Descriptions.Item>
      <Descriptions.Item label={t('policy.quorumShare')}>{p.quorumShare}</Descriptions.Item>
      <Descriptions.Item label={t('policy.maxDeferrals')}>{p.maxDeferrals}</Descriptions.Item>
    </Descriptions>
  );
}
