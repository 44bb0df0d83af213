import { useState } from 'react';
import { Button, Card, Descriptions, Modal, Space, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { FirmView } from '../../api/supervision-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { CreditTable } from './credit-table';
import { FirmForm } from './firm-form';
import { useNames, useWhen } from './names';
import { untilReadSideShows } from '../../api/read-side';

/** One property firm: its credit code, contact, compounds, the changes made to it and its credit record. */
export default function FirmPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { token, principal } = useSignedIn();
  const names = useNames();
  const when = useWhen();
  const [changing, setChanging] = useState(false);
  // A just-registered firm reaches the read side a moment later.
  const firm = useLoad(async (signal) => {
    const read = () => api<FirmView>('GET', `/api/query/firms/${id}`, { token, signal });
    return (await untilReadSideShows(read, () => true, 5_000)) ?? read();
  }, `${token}|${id}`);
  const f = firm.data;
  const mayChange = principal.role === 'office' || principal.role === 'admin';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/firms">← {t('firms.back')}</Link>
      {firm.error !== null && <ErrorAlert error={firm.error} onRetry={firm.reload} />}
      {f && (
        <>
          <Card
            title={
              <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
                {t('firm.title')} · {f.name}
              </Typography.Title>
            }
            extra={
              mayChange && (
                <Button onClick={() => setChanging(true)} data-testid="firm-change-open">
                  {t('firm.change')}
                </Button>
              )
            }
          >
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="firm-facts">
              <Descriptions.Item label={t('firm.creditCode')}>{f.creditCode}</Descriptions.Item>
              <Descriptions.Item label={t('firm.registeredAt')}>{f.registeredAt ? when(f.registeredAt) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('firm.contact')}>{f.contact ? `${f.contact.name} ${f.contact.phone}` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('firm.compounds')}>{f.compoundIds.map(names.compound).join('、')}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('firm.changes')}</Typography.Title>}>
            <Table
              rowKey="eventId"
              size="small"
              pagination={false}
              dataSource={[...f.changes]}
              locale={{ emptyText: t('firm.noChanges') }}
              columns={[
                { title: t('firm.changedAt'), key: 'at', render: (_, c: FirmView['changes'][number]) => when(c.changedAt) },
                { title: t('firm.reason'), dataIndex: 'reason' },
              ]}
            />
          </Card>
          <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('credit.title')}</Typography.Title>}>
            <CreditTable entries={f.credit} compound={names.compound} when={when} />
          </Card>
          <Modal open={changing} title={t('firm.change')} footer={null} onCancel={() => setChanging(false)} destroyOnHidden>
            <FirmForm
              firm={f}
              onDone={() => {
                setChanging(false);
                firm.reload();
              }}
            />
          </Modal>
        </>
      )}
    </Space>
  );
}
