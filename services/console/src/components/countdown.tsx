import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useI18n, type Translate } from '../i18n/i18n';

/** The current time, renewed every second, for countdowns. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A span of time as its two largest units: "2小时5分", "3 d 4 h". */
export function formatSpan(ms: number, t: Translate): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const parts: [number, 'duration.days' | 'duration.hours' | 'duration.minutes' | 'duration.seconds'][] = [
    [Math.floor(total / 86400), 'duration.days'],
    [Math.floor((total % 86400) / 3600), 'duration.hours'],
    [Math.floor((total % 3600) / 60), 'duration.minutes'],
    [total % 60, 'duration.seconds'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return t('duration.seconds', { n: 0 });
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, key]) => t(key, { n }))
    .join(' ');
}

/** Time left until `dueAt`, or an overdue mark once it passed (or the read side says it is overdue). */
export function Countdown({ dueAt, overdue = false, label }: { dueAt: string; overdue?: boolean; label?: string }) {
  const { t } = useI18n();
  const now = useNow();
  const left = Date.parse(dueAt) - now;
  const late = overdue || left < 0;
  const text = late ? t('deadline.overdue', { time: formatSpan(-left, t) }) : t('deadline.remaining', { time: formatSpan(left, t) });
  return (
    <Tag color={late ? '#a8071a' : left < 3_600_000 ? '#ad4e00' : '#0958d9'} icon={late ? <ExclamationCircleOutlined /> : <ClockCircleOutlined />} data-testid={late ? 'overdue' : 'countdown'}>
      {label ? `${label} · ` : ''}
      {text}
    </Tag>
  );
}
