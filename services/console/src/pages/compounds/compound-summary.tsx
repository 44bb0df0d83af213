import { Card, Descriptions, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { CompoundProfileView } from '../../api/compound-types';
import { useLoad } from '../../api/use-load';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { ThreeWithoutsTags, useLiaisonName } from './three-withouts-tags';

/**
 * The case page's summary of its compound (所在小区情况): the three withouts, the firm and the
 * liaisons, read from the supervision service's profile route. Shown to whoever may read it (a
 * reporter may not); nothing shows when the read fails, the case page being about the case.
 */
export function CompoundSummaryCard({ compoundId }: { compoundId: string }) {
  const { t } = useI18n();
  const { token, principal } = useSignedIn();
  const liaisonName = useLiaisonName();
  const readable = principal.role !== 'reporter';
  const view = useLoad((signal) => (readable ? api<CompoundProfileView>('GET', `/api/supervision/compounds/${compoundId}/profile`, { token, signal }) : Promise.resolve(undefined)), `${token}|${compoundId}`);
  const v = view.data;
  if (!v) return null;
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('case.compoundProfile')}</Typography.Title>} extra={<Link to={`/compounds/${compoundId}`}>{t('compound.view')}</Link>} data-testid="case-compound">
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('compound.threeWithouts')}>
          <ThreeWithoutsTags compound={v} />
        </Descriptions.Item>
        <Descriptions.Item label={t('compound.firm')}>{v.firm?.name ?? t('compound.noFirm')}</Descriptions.Item>
        <Descriptions.Item label={t('compound.liaisons')}>{v.liaisons.length ? v.liaisons.map((l) => liaisonName(l.liaison)).join('；') : t('compound.noLiaisons')}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
