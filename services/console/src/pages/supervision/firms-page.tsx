import { useState } from 'react';
import { Button, Card, Modal, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Paged } from '../../api/field-types';
import type { FirmView } from '../../api/supervision-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { PAGE_SIZES, useListParams } from '../../components/use-list-params';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { FirmForm } from './firm-form';
import { useNames } from './names';

/** 物业企业: the property firms and the compounds each serves; the office (and the admin) registers them. */
export default function FirmsPage() {
  const { t } = useI18n();
  const { token, principal } = useSignedIn();
  const names = useNames();
  const navigate = useNavigate();
  const list = useListParams(20);
  const [registering, setRegistering] = useState(false);
  const firms = useLoad((signal) => api<Paged<FirmView>>('GET', '/api/query/firms', { token, signal, query: { page: list.page, pageSize: list.pageSize } }), `${token}|${list.page}|${list.pageSize}`);
  const mayRegister = principal.role === 'office' || principal.role === 'admin';
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('firms.title')}
        </Typography.Title>
      }
      extra={
        mayRegister && (
          <Button type="primary" onClick={() => setRegistering(true)} data-testid="firm-register-open">
            {t('firm.register')}
          </Button>
        )
      }
    >
      {firms.error !== null && <ErrorAlert error={firms.error} onRetry={firms.reload} />}
      <Table<FirmView>
        data-testid="firms-table"
        rowKey="id"
        size="middle"
        loading={firms.loading}
        dataSource={[...(firms.data?.items ?? [])]}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('firms.empty') }}
        pagination={{ current: list.page, pageSize: list.pageSize, total: firms.data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true, onChange: list.setPage, showTotal: (total) => t('firms.total', { total }) }}
        columns={[
          { title: t('firm.name'), key: 'name', render: (_, f) => <Link to={`/firms/${f.id}`}>{f.name}</Link> },
          { title: t('firm.creditCode'), dataIndex: 'creditCode', responsive: ['md'] },
          { title: t('firm.compounds'), key: 'compounds', render: (_, f) => f.compoundIds.map(names.compound).join('、') },
          { title: t('firm.contact'), key: 'contact', render: (_, f) => (f.contact ? `${f.contact.name} ${f.contact.phone}` : '—') },
          { title: t('firm.latestCredit'), key: 'credit', render: (_, f) => <CreditMark firm={f} /> },
        ]}
      />
      <Modal open={registering} title={t('firm.register')} footer={null} onCancel={() => setRegistering(false)} destroyOnHidden>
        <FirmForm
          onDone={(firmId) => {
            setRegistering(false);
            navigate(`/firms/${firmId}`);
          }}
        />
      </Modal>
    </Card>
  );
}

/** The firm's latest place on the red or black list, if any. */
function CreditMark({ firm }: { firm: FirmView }) {
  const { t } = useI18n();
  const latest = firm.credit.at(-1);
  if (!latest) return <>—</>;
  return <>{t(`credit.list.${latest.list ?? 'none'}`, { quarter: latest.quarter })}</>;
}
