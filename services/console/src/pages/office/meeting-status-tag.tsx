import { Tag } from 'antd';
import type { MeetingStatus } from '../../api/office-types';
import { useI18n } from '../../i18n/i18n';

// Dark shades with white text: the preset light tags fall short of 4.5:1 contrast.
const COLOR: Record<MeetingStatus, string> = { scheduled: '#874d00', open: '#0958d9', closed: '#595959' };

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLOR[status]} data-testid="meeting-status">
      {t(`meeting.status.${status}`)}
    </Tag>
  );
}
