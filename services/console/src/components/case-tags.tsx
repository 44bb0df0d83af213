import { Tag } from 'antd';
import type { CaseStatus, Level } from '../api/types';
import { useI18n } from '../i18n/i18n';

// Ant Design's darker shades, white text on them: the preset light tags fall short of 4.5:1 contrast.
const LEVEL_COLOR: Record<Level, string> = { 1: '#0958d9', 2: '#ad4e00', 3: '#ad2102', 4: '#a8071a' };
const FINAL: readonly CaseStatus[] = ['closed', 'withdrawn', 'rejected', 'duplicate', 'merged', 'referred_upward'];

export function LevelTag({ level }: { level: Level | null }) {
  const { t } = useI18n();
  if (level === null) return <Tag>{t('common.none')}</Tag>;
  return <Tag color={LEVEL_COLOR[level]}>{t(`level.${level}`)}</Tag>;
}

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  if (FINAL.includes(status)) return <Tag>{t(`status.${status}`)}</Tag>;
  const color = status === 'triaged' || status === 'reopened' ? '#874d00' : status === 'resolved' ? '#237804' : '#0958d9';
  return <Tag color={color}>{t(`status.${status}`)}</Tag>;
}
