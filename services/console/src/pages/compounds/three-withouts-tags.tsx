import { Space, Tag } from 'antd';
import type { CompoundSummary } from '../../api/compound-types';
import { useI18n } from '../../i18n/i18n';

/** The derived three withouts (三无) of a compound as tags: all three red, each one missing orange, none green. */
export function ThreeWithoutsTags({ compound }: { compound: Pick<CompoundSummary, 'threeWithouts'> }) {
  const { t } = useI18n();
  const { missing, all, known } = compound.threeWithouts;
  return (
    <Space size={[0, 4]} wrap data-testid="three-withouts">
      {all && <Tag color="red">{t('compound.threeWithout')}</Tag>}
      {missing.map((m) => (
        <Tag key={m} color={all ? 'red' : 'orange'}>
          {t(`compound.missing.${m}`)}
        </Tag>
      ))}
      {!known && <Tag>{t('compound.unknown')}</Tag>}
      {known && missing.length === 0 && <Tag color="green">{t('compound.complete')}</Tag>}
    </Space>
  );
}

/** A liaison in words: a leader with post, or a department by its unit's name. */
export function useLiaisonName() {
  const { t, nameOf } = useI18n();
  return (l: CompoundSummary['liaisons'][number]['liaison']): string =>
    l.kind === 'leader' ? `${t('liaison.kind.leader')} ${l.name}（${l.post}）` : `${t('liaison.kind.department')} ${nameOf(l.unitName, l.unitId)}`;
}
