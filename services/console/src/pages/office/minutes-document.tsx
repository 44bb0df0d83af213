import type { Minutes, MinutesUnit } from '../../api/office-types';
import { officeEn } from '../../i18n/office.en';
import { officeZhCN, type OfficeMessageKey } from '../../i18n/office.zh-CN';

export type DocumentLanguage = 'zh' | 'en';

const TEXTS: Record<DocumentLanguage, Record<OfficeMessageKey, string>> = { zh: officeZhCN, en: officeEn };

/** The document's own words, in its language rather than the console's. */
function documentText(lang: DocumentLanguage) {
  return (key: OfficeMessageKey, values: Readonly<Record<string, string | number>> = {}) => TEXTS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * 会议纪要 as a document: the meeting, who came, the quorum, and each agenda case's opinions and
 * decision. `embedded` puts it inside another document (a dossier), its headings one level down.
 */
export function MinutesDocument({ minutes, lang, embedded = false }: { minutes: Minutes; lang: DocumentLanguage; embedded?: boolean }) {
  const d = documentText(lang);
  const format = new Intl.DateTimeFormat(lang === 'en' ? 'en' : 'zh-CN', { dateStyle: 'long', timeStyle: 'short' });
  const when = (at: string | null) => (at ? format.format(new Date(at)) : '—');
  const names = (units: readonly MinutesUnit[]) => (units.length ? units.map((u) => (lang === 'en' ? u.name.en : u.name.zh)).join(d('minutes.doc.list')) : d('minutes.doc.none'));
  const { quorum } = minutes;
  const [Title, Item, Part] = embedded ? (['h3', 'h4', 'h5'] as const) : (['h1', 'h2', 'h3'] as const);
  const Whole = embedded ? 'section' : 'article';
  return (
    <Whole className={embedded ? undefined : 'printable'} lang={lang === 'en' ? 'en' : 'zh-CN'} data-testid="minutes-document">
      <Title>{d('minutes.doc.heading')}</Title>
      {minutes.status !== 'closed' && <p>{d('minutes.doc.draft')}</p>}
      <table>
        <tbody>
          <tr>
            <th scope="row">{d('minutes.doc.meetingId')}</th>
            <td className="mono">{minutes.meetingId}</td>
          </tr>
          <tr>
            <th scope="row">{d('minutes.doc.time')}</th>
            <td>{when(minutes.scheduledAt)}</td>
          </tr>
          <tr>
            <th scope="row">{d('minutes.doc.place')}</th>
            <td>{minutes.place}</td>
          </tr>
          <tr>
            <th scope="row">{d('minutes.doc.opened')}</th>
            <td>{when(minutes.openedAt)}</td>
          </tr>
          <tr>
            <th scope="row">{d('minutes.doc.closed')}</th>
            <td>{when(minutes.closedAt)}</td>
          </tr>
          <tr>
            <th scope="row">{d('minutes.doc.invited')}</th>
            <td>{names(minutes.invited)}</td>
          </tr>
          <tr>
            <th scope="row">{d('minutes.doc.present')}</th>
            <td>{names(minutes.present)}</td>
          </tr>
          <tr>
            <th scope="row">{d('minutes.doc.absent')}</th>
            <td>{names(minutes.absent)}</td>
          </tr>
          <tr>
            <th scope="row">{d('minutes.doc.quorum')}</th>
            <td data-testid="minutes-quorum">{d(quorum.reached ? 'minutes.doc.quorumReached' : 'minutes.doc.quorumNotReached', { present: quorum.present, required: quorum.required })}</td>
          </tr>
        </tbody>
      </table>
      {minutes.items.map((item, index) => (
        <section key={item.caseId}>
          <Item>{d('minutes.doc.item', { n: index + 1, caseId: item.caseId })}</Item>
          <Part>{d('minutes.doc.opinions')}</Part>
          {item.opinions.length === 0 ? (
            <p>{d('minutes.doc.none')}</p>
          ) : (
            <ul>
              {item.opinions.map((o) => (
                <li key={`${o.unit.unitId}-${o.recordedAt}`}>{d('minutes.doc.opinionBy', { unit: lang === 'en' ? o.unit.name.en : o.unit.name.zh, opinion: o.opinion })}</li>
              ))}
            </ul>
          )}
          <Part>{d(item.decision.kind === 'resolution' ? 'minutes.doc.resolution' : item.decision.kind === 'deferral' ? 'minutes.doc.deferral' : item.decision.kind === 'withdrawn' ? 'minutes.doc.withdrawn' : 'minutes.doc.undecided')}</Part>
          {item.decision.kind === 'resolution' && (
            <table>
              <tbody>
                <tr>
                  <th scope="row">{d('minutes.doc.lead')}</th>
                  <td>{names([item.decision.lead])}</td>
                </tr>
                <tr>
                  <th scope="row">{d('minutes.doc.supporting')}</th>
                  <td>{names(item.decision.supporting)}</td>
                </tr>
                <tr>
                  <th scope="row">{d('minutes.doc.measures')}</th>
                  <td>{item.decision.measures}</td>
                </tr>
                <tr>
                  <th scope="row">{d('minutes.doc.deadline')}</th>
                  <td>{when(item.decision.deadline)}</td>
                </tr>
              </tbody>
            </table>
          )}
          {(item.decision.kind === 'deferral' || item.decision.kind === 'withdrawn') && <p>{item.decision.reason}</p>}
        </section>
      ))}
    </Whole>
  );
}
