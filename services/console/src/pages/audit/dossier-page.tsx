import { Button, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import '../../print.css';
import { api } from '../../api/client';
import type { Dossier } from '../../api/audit-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { MinutesDocument } from '../office/minutes-document';
import { useActorNames } from '../office/unit-names';
import { actorLabel, eventLabel } from './audit-labels';

/** 案卷: the whole record of a case as the audit exports it, laid out for A4 with its digest, and a print button. */
export default function DossierPage() {
  const { id = '' } = useParams();
  const { t, nameOf, locale } = useI18n();
  const { token } = useSignedIn();
  const names = useActorNames();
  const dossier = useLoad((signal) => api<Dossier>('GET', `/api/audit/cases/${id}/dossier`, { token, signal }), `${token}|${id}`);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const when = (at: string | null | undefined) => (at ? format.format(new Date(at)) : '—');
  const d = dossier.data;
  const c = d?.case;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space className="no-print" wrap>
        <Link to={`/audit/cases/${id}`}>← {t('audit.dossier.back')}</Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
          {t('audit.dossier.print')}
        </Button>
      </Space>
      {dossier.error !== null && <ErrorAlert error={dossier.error} onRetry={dossier.reload} />}
      {d && (
        <article className="printable" data-testid="dossier-document">
          <h1>
            {t('audit.dossier.title')} · {c ? nameOf(c.categoryName, c.category) : d.caseId}
          </h1>
          <table>
            <tbody>
              <tr>
                <th scope="row">{t('case.id')}</th>
                <td className="mono">{d.caseId}</td>
              </tr>
              <tr>
                <th scope="row">{t('audit.dossier.generatedAt')}</th>
                <td>{when(d.generatedAt)}</td>
              </tr>
              <tr>
                <th scope="row">{t('audit.dossier.digest')}</th>
                <td className="mono" data-testid="dossier-digest">
                  {d.digest.value}
                </td>
              </tr>
            </tbody>
          </table>
          {c && (
            <section>
              <h2>{t('audit.dossier.case')}</h2>
              <table>
                <tbody>
                  <tr>
                    <th scope="row">{t('case.status')}</th>
                    <td>{t(`status.${c.status}`)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('case.level')}</th>
                    <td>{c.level === null ? t('common.none') : t(`level.${c.level}`)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('case.compound')}</th>
                    <td>{nameOf(c.compoundName, c.compoundId)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('case.station')}</th>
                    <td>{nameOf(c.stationName)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('case.reportedAt')}</th>
                    <td>{when(c.reportedAt)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('case.description')}</th>
                    <td>{c.description}</td>
                  </tr>
                </tbody>
              </table>
            </section>
          )}
          <section>
            <h2>{t('audit.dossier.history')}</h2>
            <table data-testid="dossier-history">
              <thead>
                <tr>
                  <th scope="col">{t('audit.dossier.col.no')}</th>
                  <th scope="col">{t('audit.dossier.col.time')}</th>
                  <th scope="col">{t('audit.dossier.col.event')}</th>
                  <th scope="col">{t('audit.dossier.col.actor')}</th>
                  <th scope="col">{t('audit.dossier.col.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {d.history.map((e, i) => (
                  <tr key={e.eventId}>
                    <td>{i + 1}</td>
                    <td>{when(e.recordedAt)}</td>
                    <td>{eventLabel(t, e.type)}</td>
                    <td>{actorLabel(t, e.actor, names)}</td>
                    <td className="mono">{e.hash}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section>
            <h2>{t('audit.dossier.verification')}</h2>
            <p data-testid="dossier-verification">
              {d.verification.ok ? t('audit.verify.ok', { streams: d.verification.checkedStreams, events: d.verification.checkedEvents }) : t('audit.verify.broken', { n: d.verification.breaks.length })}
            </p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.verify.col.stream')}</th>
                  <th scope="col">{t('audit.verify.col.events')}</th>
                  <th scope="col">{t('audit.verify.col.last')}</th>
                  <th scope="col">{t('audit.verify.col.result')}</th>
                </tr>
              </thead>
              <tbody>
                {d.verification.streams.map((s) => (
                  <tr key={s.streamId}>
                    <td className="mono">{s.streamId}</td>
                    <td>{s.events}</td>
                    <td className="mono">{s.last ? `${s.last.revision} · ${s.last.hash}` : '—'}</td>
                    <td>{s.ok ? t('audit.verify.streamOk') : t('audit.verify.streamBroken', { n: s.breaks })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section>
            <h2>{t('audit.dossier.minutes')}</h2>
            {d.minutes.length === 0 && <p>{t('audit.dossier.noMinutes')}</p>}
            {d.minutes.map((m) => (
              <MinutesDocument key={m.meetingId} minutes={m} lang={locale === 'en' ? 'en' : 'zh'} embedded />
            ))}
          </section>
        </article>
      )}
    </Space>
  );
}
