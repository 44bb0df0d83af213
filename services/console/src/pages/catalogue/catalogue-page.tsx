import { useState } from 'react';
import { Button, Card, Drawer, Modal, Space, Tabs, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { CATALOGUE_LISTS, type AnyEntry, type CatalogueListName } from '../../api/catalogue-admin-types';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { CatalogueHistory } from './catalogue-history';
import { EntryForm } from './entry-form';
import { EntryTable } from './entry-table';
import { RemovalForm } from './removal-form';
import { DeadlinesForm, PoliciesForm } from './settings-forms';
import { useCatalogueAdmin } from './use-catalogue-admin';

type Dialog = { kind: 'edit'; list: CatalogueListName; entry?: AnyEntry } | { kind: 'remove'; list: CatalogueListName; entry: AnyEntry } | null;

/**
 * 目录管理: the administrator edits the catalogue while the system runs — its lists, the deadlines
 * and the meeting's policy, each change with a reason — and reads its history and what it was at
 * any instant. The office and the auditor read the history alone.
 */
export default function CataloguePage() {
  const { t, nameOf } = useI18n();
  const { principal } = useSignedIn();
  const admin = principal.role === 'admin';
  const { catalogue, revision, changes, error, loading, reload } = useCatalogueAdmin(admin);
  const [open, setOpen] = useState(false);
  // What the drawer or the dialog shows stays while it closes: its title names it to the end.
  const [dialog, setShown] = useState<Dialog>(null);
  const setDialog = (next: Dialog) => {
    if (next) setShown(next);
    setOpen(next !== null);
  };
  const done = () => {
    setDialog(null);
    reload();
  };
  const history = { key: 'history', label: t('catalogue.tab.history'), children: <CatalogueHistory changes={changes} /> };
  const tabs = !admin
    ? [history]
    : catalogue
      ? [
          ...CATALOGUE_LISTS.map((list) => ({
            key: list,
            label: t(`catalogue.tab.${list}`),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'edit', list })} data-testid={`catalogue-add-${list}`}>
                  {t(`catalogue.add.${list}`)}
                </Button>
                <EntryTable list={list} entries={catalogue[list]} catalogue={catalogue} onEdit={(entry) => setDialog({ kind: 'edit', list, entry })} onRemove={(entry) => setDialog({ kind: 'remove', list, entry })} />
              </Space>
            ),
          })),
          { key: 'deadlines', label: t('catalogue.tab.deadlines'), children: <DeadlinesForm current={catalogue.deadlines} revision={revision} reload={reload} /> },
          { key: 'policies', label: t('catalogue.tab.policies'), children: <PoliciesForm current={catalogue.policies} revision={revision} reload={reload} /> },
          history,
        ]
      : [];
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t(admin ? 'catalogue.title' : 'catalogue.title.history')}
        </Typography.Title>
      }
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
          {t('common.refresh')}
        </Button>
      }
    >
      {admin && <Typography.Paragraph type="secondary">{t('catalogue.hint')}</Typography.Paragraph>}
      {error !== null && <ErrorAlert error={error} onRetry={reload} />}
      <Tabs data-testid="catalogue-tabs" items={tabs} destroyOnHidden />
      {catalogue && (
        <>
          <Drawer
            open={open && dialog?.kind === 'edit'}
            title={dialog?.kind === 'edit' ? (dialog.entry ? t('catalogue.edit.title', { name: nameOf(dialog.entry.name, dialog.entry.id) }) : t(`catalogue.add.${dialog.list}`)) : ''}
            size={560}
            onClose={() => setDialog(null)}
            destroyOnHidden
          >
            {dialog?.kind === 'edit' && <EntryForm key={`${dialog.list}:${dialog.entry?.id ?? ''}`} list={dialog.list} {...(dialog.entry ? { entry: dialog.entry } : {})} catalogue={catalogue} revision={revision} reload={reload} onDone={done} />}
          </Drawer>
          <Modal
            open={open && dialog?.kind === 'remove'}
            title={dialog?.kind === 'remove' ? t('catalogue.remove.title', { name: nameOf(dialog.entry.name, dialog.entry.id) }) : ''}
            footer={null}
            onCancel={() => setDialog(null)}
            destroyOnHidden
          >
            {dialog?.kind === 'remove' && <RemovalForm key={`${dialog.list}:${dialog.entry.id}`} list={dialog.list} entry={dialog.entry} revision={revision} reload={reload} onDone={done} />}
          </Modal>
        </>
      )}
    </Card>
  );
}
