import { Card, Table, Typography } from 'antd';
import { api } from '../../api/client';
import type { Paged, PersonalDataAccess } from '../../api/field-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { actorLabel } from './audit-labels';

const PAGE_SIZE = 20;

/** 个人信息查阅记录: who read the case's reporter in full, when and why, newest first, as the audit lists them. */
export function PersonalDataAccesses({ caseId }: { readonly caseId: string }) {
  const { t, locale } = useI18n();
  const { token } = useSignedIn();
  const accesses = useLoad(
    (signal) => api<Paged<PersonalDataAccess>>('GET', `/api/audit/personal-data-access?caseId=${encodeURIComponent(caseId)}&pageSize=${PAGE_SIZE}`, { token, signal }),
    `${token}|${caseId}`,
  );
  const when = (at: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at));
  const names = { unit: (id: string) => id, station: (id: string) => id };
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('reporterData.accesses')}</Typography.Title>} data-testid="personal-data-accesses">
      {accesses.error !== null && <ErrorAlert error={accesses.error} onRetry={accesses.reload} />}
      <Table<PersonalDataAccess>
        size="small"
        rowKey="eventId"
        loading={accesses.loading}
        dataSource={[...(accesses.data?.items ?? [])]}
        pagination={false}
        locale={{ emptyText: t('reporterData.accesses.none') }}
        columns={[
          { key: 'at', title: t('reporterData.accesses.at'), render: (_, row) => when(row.accessedAt) },
          { key: 'by', title: t('reporterData.accesses.by'), render: (_, row) => actorLabel(t, row.actor, names) },
          { key: 'reason', title: t('reporterData.accesses.reason'), dataIndex: 'reason' },
        ]}
      />
    </Card>
  );
}
