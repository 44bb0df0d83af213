import { Space, Tag } from 'antd';
import type { CompoundSummary } from '../../api/compound-types';
import { useI18n } from '../../i18n/i18n';

// Solid dark colours with white text, as the console's other tags: the light preset ones fail the contrast check.
const RED = '#a8071a';
const ORANGE = '#ad4e00';
const GREEN = '#237804';

/** The derived three withouts (三无) of a compound as tags: all three red, each one missing orange, none green. */
export function ThreeWithoutsTags({ compound }: { compound: Pick<CompoundSummary, 'threeWithouts'> }) {
  const { t } = useI18n();
  const { missing, all, known } = compound.threeWithouts;
  return (
    <Space size={[0, 4]} wrap data-testid="three-withouts">
      {all && <Tag color={RED}>{t('compound.threeWithout')}</Tag>}
      {missing.map((m) => (
        <Tag key={m} color={all ? RED : ORANGE}>
          {t(`compound.missing.${m}`)}
        </Tag>
      ))}
      {!known && <Tag>{t('compound.unknown')}</Tag>}
      {known && missing.length === 0 && <Tag color={GREEN}>{t('compound.complete')}</Tag>}
    </Space>
  );
}

/** A liaison in words: a leader with post, or a department by its unit's name. */
export function useLiaisonName() {
  const { t, nameOf } = useI18n();
  return (l: CompoundSummary['liaisons'][number]['liaison']): string =>
    l.kind === 'leader' ? `${t('liaison.kind.leader')} ${l.name}（${l.post}）` : `${t('liaison.kind.department')} ${nameOf(l.unitName, l.unitId)}`;
}
