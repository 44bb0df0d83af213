import { useState } from 'react';
import { Button, Card, Descriptions, Modal, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { CompoundLedger, CompoundProfileView, LedgerEntry, LiaisonView } from '../../api/compound-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { useWhen } from '../supervision/names';
import { EndLiaisonForm } from './end-liaison-form';
import { LedgerForm } from './ledger-form';
import { LiaisonForm } from './liaison-form';
import { ProfileForm } from './profile-form';
import { ThreeWithoutsTags, useLiaisonName } from './three-withouts-tags';

type Dialog = { kind: 'profile' } | { kind: 'assign' } | { kind: 'end'; liaisonId: string } | { kind: 'entry'; corrects?: LedgerEntry } | null;

/** One compound: its profile (小区档案) with the derived three withouts, its liaisons (联系小区) and their ledger (台账). */
export default function CompoundPage() {
  const { id = '' } = useParams();
  const { t, nameOf } = useI18n();
  const { token, principal } = useSignedIn();
  const when = useWhen();
  const liaisonName = useLiaisonName();
  const [dialog, setDialog] = useState<Dialog>(null);
  const view = useLoad((signal) => api<CompoundProfileView>('GET', `/api/supervision/compounds/${id}/profile`, { token, signal }), `${token}|${id}`);
  const ledger = useLoad((signal) => api<CompoundLedger>('GET', `/api/supervision/compounds/${id}/ledger`, { token, signal }), `${token}|${id}`);
  const v = view.data;
  const office = principal.role === 'office' || principal.role === 'admin';
  // The office records for any liaison (leaders have no sign-in); a unit only as its own department.
  const recorders = (v?.liaisons ?? []).filter((l) => office || (principal.role === 'unit' && l.liaison.kind === 'department' && l.liaison.unitId === principal.unitId));
  const allLiaisons = [...(v?.liaisons ?? []), ...(v?.endedLiaisons ?? [])];
  const nameOfLiaison = (liaisonId: string) => {
    const found = allLiaisons.find((l) => l.liaisonId === liaisonId);
    return found ? liaisonName(found.liaison) : liaisonId;
  };
  const done = () => {
    setDialog(null);
    view.reload();
    ledger.reload();
  };
  const p = v?.profile;
  const heading = (key: Parameters<typeof t>[0]) => <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t(key)}</Typography.Title>;
  const entryColumns = [
    { title: t('ledger.date'), dataIndex: 'date', key: 'date' },
    { title: t('ledger.kind'), key: 'kind', render: (_: unknown, e: LedgerEntry) => t(`ledger.kind.${e.kind}`) },
    { title: t('ledger.liaison'), key: 'liaison', render: (_: unknown, e: LedgerEntry) => nameOfLiaison(e.liaisonId) },
    { title: t('ledger.found'), dataIndex: 'found', key: 'found' },
    { title: t('ledger.done'), dataIndex: 'done', key: 'done' },
    { title: t('ledger.followUp'), key: 'followUp', render: (_: unknown, e: LedgerEntry) => e.followUp || '—' },
    { title: t('compound.recordedAt'), key: 'at', render: (_: unknown, e: LedgerEntry) => when(e.recordedAt), responsive: ['lg' as const] },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/compounds">← {t('compounds.back')}</Link>
      {view.error !== null && <ErrorAlert error={view.error} onRetry={view.reload} />}
      {v && (
        <>
          <Card
            title={
              <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
                {t('compound.profile')} · {nameOf(v.name, v.compoundId)}
              </Typography.Title>
            }
            extra={
              office && (
                <Button onClick={() => setDialog({ kind: 'profile' })} data-testid="profile-open">
                  {t('compound.edit')}
                </Button>
              )
            }
          >
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="compound-facts">
              <Descriptions.Item label={t('compound.threeWithouts')} span={2}>
                <ThreeWithoutsTags compound={v} />
              </Descriptions.Item>
              <Descriptions.Item label={t('compound.community')}>{nameOf(v.community.name, v.community.id)}</Descriptions.Item>
              <Descriptions.Item label={t('compound.station')}>{nameOf(v.station.name, v.station.id)}</Descriptions.Item>
              <Descriptions.Item label={t('compound.firm')}>{v.firm ? <Link to={`/firms/${v.firm.firmId}`}>{v.firm.name}</Link> : t('compound.noFirm')}</Descriptions.Item>
              <Descriptions.Item label={t('compound.ownersCommittee')}>
                {!p ? '—' : p.ownersCommittee.present ? `${t('compound.ownersCommittee.present')}，${t('compound.ownersCommittee.term', { from: p.ownersCommittee.termFrom, to: p.ownersCommittee.termTo })}` : t('compound.absent')}
              </Descriptions.Item>
              <Descriptions.Item label={t('compound.partyBranch')}>
                {!p ? '—' : p.partyBranch.present ? `${t('compound.ownersCommittee.present')}，${t('compound.partyBranch.secretary', { name: p.partyBranch.secretary })}` : t('compound.absent')}
              </Descriptions.Item>
              <Descriptions.Item label={t('compound.handover')}>{!p ? '—' : p.handover.status === 'handed_over' ? t('compound.handover.handed_over', { date: p.handover.date }) : t('compound.handover.not_handed_over')}</Descriptions.Item>
              <Descriptions.Item label={t('compound.partyMembers')}>{p ? p.partyMembers : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('compound.households')}>{p ? p.households : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('compound.grids')} span={2}>
                {p && p.grids.length ? p.grids.map((g) => `${g.name}${g.workers.length ? `（${g.workers.join('、')}）` : ''}`).join('；') : '—'}
              </Descriptions.Item>
            </Descriptions>
            {!p && <Typography.Paragraph type="secondary">{t('compound.noProfile')}</Typography.Paragraph>}
          </Card>
          <Card
            title={heading('compound.liaisons')}
            extra={
              office && (
                <Button onClick={() => setDialog({ kind: 'assign' })} data-testid="liaison-open">
                  {t('liaison.assign')}
                </Button>
              )
            }
          >
            <Table<LiaisonView>
              data-testid="liaisons-table"
              rowKey="liaisonId"
              size="small"
              pagination={false}
              dataSource={[...v.liaisons]}
              locale={{ emptyText: t('compound.noLiaisons') }}
              columns={[
                { title: t('ledger.liaison'), key: 'name', render: (_, l) => liaisonName(l.liaison) },
                { title: t('liaison.assignedAt'), key: 'at', render: (_, l) => when(l.assignedAt) },
                { title: t('compound.reason'), dataIndex: 'reason' },
                ...(office ? [{ title: '', key: 'end', render: (_: unknown, l: LiaisonView) => <Button size="small" onClick={() => setDialog({ kind: 'end', liaisonId: l.liaisonId })}>{t('liaison.end')}</Button> }] : []),
              ]}
            />
            {v.endedLiaisons.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="ended-liaisons">
                {t('liaison.endedList')}：{v.endedLiaisons.map((l) => `${liaisonName(l.liaison)}（${l.ended?.reason ?? ''}）`).join('；')}
              </Typography.Paragraph>
            )}
          </Card>
          <Card
            title={heading('ledger.title')}
            extra={
              recorders.length > 0 && (
                <Button onClick={() => setDialog({ kind: 'entry' })} data-testid="ledger-open">
                  {t('ledger.add')}
                </Button>
              )
            }
          >
            {ledger.error !== null && <ErrorAlert error={ledger.error} onRetry={ledger.reload} />}
            <Table<LedgerEntry>
              data-testid="ledger-table"
              rowKey="entryId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={[...(ledger.data?.entries ?? [])]}
              locale={{ emptyText: t('ledger.empty') }}
              columns={[
                ...entryColumns,
                { title: '', key: 'correction', render: (_, e) => (e.corrects ? <Tag>{t('ledger.corrects', { entry: e.corrects.entryId.slice(0, 8), reason: e.corrects.reason })}</Tag> : null) },
                ...(office ? [{ title: '', key: 'correct', render: (_: unknown, e: LedgerEntry) => <Button size="small" onClick={() => setDialog({ kind: 'entry', corrects: e })}>{t('ledger.correct')}</Button> }] : []),
              ]}
            />
            {(ledger.data?.corrected.length ?? 0) > 0 && (
              <>
                <Typography.Title level={3} style={{ fontSize: 14, marginTop: 16 }}>
                  {t('ledger.corrected')}
                </Typography.Title>
                <Table<LedgerEntry> data-testid="ledger-corrected" rowKey="entryId" size="small" pagination={false} dataSource={[...(ledger.data?.corrected ?? [])]} columns={entryColumns} />
              </>
            )}
          </Card>
          <Card title={heading('compound.changes')}>
            <Table
              rowKey="recordedAt"
              size="small"
              pagination={false}
              dataSource={[...v.profileChanges]}
              locale={{ emptyText: t('compound.noProfile') }}
              columns={[
                { title: t('compound.recordedAt'), key: 'at', render: (_, c: CompoundProfileView['profileChanges'][number]) => when(c.recordedAt) },
                { title: t('compound.reason'), dataIndex: 'reason' },
              ]}
            />
          </Card>
          <Modal open={dialog !== null} title={dialog ? t(DIALOG_TITLE[dialog.kind]) : ''} footer={null} onCancel={() => setDialog(null)} destroyOnHidden width={640}>
            {dialog?.kind === 'profile' && <ProfileForm view={v} onDone={done} />}
            {dialog?.kind === 'assign' && <LiaisonForm compoundId={v.compoundId} onDone={done} />}
            {dialog?.kind === 'end' && <EndLiaisonForm compoundId={v.compoundId} liaisonId={dialog.liaisonId} onDone={done} />}
            {dialog?.kind === 'entry' && <LedgerForm compoundId={v.compoundId} liaisons={dialog.corrects ? allLiaisons : recorders} {...(dialog.corrects ? { corrects: dialog.corrects } : {})} onDone={done} />}
          </Modal>
        </>
      )}
    </Space>
  );
}

const DIALOG_TITLE = { profile: 'compound.edit', assign: 'liaison.assign', end: 'liaison.end', entry: 'ledger.add' } as const;
