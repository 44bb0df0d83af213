import type { Name } from '@whistle/contracts';
import type { Minutes } from '@whistle/adjudication-domain';
import { sinceParameter } from '@whistle/transparency';
import type { Dossier } from './audit-queries';
import { CASE_STATUS_NAMES } from '@whistle/read-models';
import { EVENT_NAMES, ROLE_NAMES, SERVICE_NAMES, type PageLang } from './dossier-page.names';
import { PAGE_TEXT, type PageText } from './dossier-page.text';

export type { PageLang } from './dossier-page.names';

/** The dossier as exported; a page can be made of one without its proof section (an export from before it had one). */
export type PrintableDossier = Omit<Dossier, 'proof'> & { readonly proof?: Dossier['proof'] };

/**
 * The printable dossier (可打印案卷): one self-contained HTML page (inline CSS with print styles,
 * no script, nothing fetched) of the case, its timeline with each event's hash, its streams, the
 * signed checkpoints and how to verify the JSON dossier offline. Every value from the dossier is
 * escaped. The page is for reading and filing; what an auditor verifies is the JSON. The sections
 * the offline verifier does not check (the case, the server's verification, the minutes: the
 * server's account of the events) say so under their headings.
 */
export function renderDossierPage(dossier: PrintableDossier, lang: PageLang): string {
  const t = PAGE_TEXT[lang];
  const page: Page = { t, lang, name: (n, otherwise = '—') => (n ? (lang === 'en' ? n.en : n.zh) : otherwise) };
  const hashes = dossier.history.map((e) => e.hash);
  return `<!DOCTYPE html>\n${html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} · ${dossier.caseId}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header>
<h1>${t.title} · ${dossier.caseId}</h1>
<dl class="meta">
<dt>${t.generatedAt}</dt><dd>${time(dossier.generatedAt)}</dd>
<dt>${t.digest}</dt><dd class="hash">${dossier.digest.value}</dd>
<dt>${t.keyFingerprint}</dt><dd class="hash">${dossier.proof?.publicKeyFingerprint ?? t.noProof}</dd>
</dl>
<p class="note">${t.readingNote} ${t.beijing}</p>
</header>
${caseSection(dossier, page)}
${timelineSection(dossier, page)}
${streamsSection(dossier, page)}
${checkpointsSection(dossier.proof, page)}
${minutesSection(dossier.caseId, dossier.minutes, page)}
<section>
<h2>${t.hashesTitle}</h2>
<ol class="hashes">${hashes.map((h, i) => html`<li id="h${i + 1}"><span class="hash">${h}</span></li>`)}</ol>
</section>
${howToVerify(dossier, page)}
</body>
</html>`.text}\n`;
}

interface Page {
  readonly t: PageText;
  readonly lang: PageLang;
  /** the name in the page's language, or `otherwise` (a dash) when there is none */
  readonly name: (n: Name | null | undefined, otherwise?: string) => string;
}

function caseSection(dossier: PrintableDossier, { t, lang, name }: Page): Html {
  const c = dossier.case;
  if (c === null) return html`<section><h2>${t.caseTitle}</h2>
${serverAccount(t)}
<p>${t.noCase}</p></section>`;
  const rows: [string, unknown][] = [
    [t.caseId, c.id],
    [t.category, name(c.categoryName)],
    [t.compound, name(c.compoundName)],
    [t.community, name(c.communityName)],
    [t.station, name(c.stationName)],
    [t.status, name(CASE_STATUS_NAMES[c.status], c.status)],
    [t.level, c.level === null ? '—' : t.levelOf(c.level)],
    [t.reportedAt, c.reportedAt === null ? '—' : time(c.reportedAt)],
    [t.closedAt, c.closedAt === null ? '—' : time(c.closedAt)],
    [t.description, c.description ?? '—'],
    [t.location, c.location ?? '—'],
    [t.units, Object.entries(c.unitNames).map(([id, n]) => (n ? name(n) : id)).join(lang === 'en' ? ', ' : '、') || '—'],
  ];
  return html`<section><h2>${t.caseTitle}</h2>
${serverAccount(t)}
<table class="facts">${rows.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</table></section>`;
}

/** The mark under the heading of a section the offline verifier does not check. */
const serverAccount = (t: PageText): Html => html`<p class="unverified">${t.serverAccount}</p>`;

function timelineSection(dossier: PrintableDossier, { t, name }: Page): Html {
  const rows = dossier.history.map(
    (e, i) => html`<tr>
<td class="num">${i + 1}</td>
<td class="time">${time(e.recordedAt)}</td>
<td>${name((EVENT_NAMES as Readonly<Record<string, Name | undefined>>)[e.type], e.type)}<div class="sub">${name(SERVICE_NAMES[e.service])} · <span class="mono">${e.type}</span> · ${t.streamAt(e.streamId, e.revision)}</div></td>
<td>${name(ROLE_NAMES[e.actor.role], e.actor.role)}<div class="sub mono">${[e.actor.id, e.actor.unitId, e.actor.stationId].filter(Boolean).join(' · ')}</div></td>
<td><abbr class="short" title="${e.hash}">${e.hash.slice(0, 12)}…</abbr> <a href="#h${i + 1}">[${i + 1}]</a></td>
</tr>`,
  );
  return html`<section><h2>${t.timelineTitle}</h2>
<p class="verified">${t.timelineVerified}</p>
<p>${t.timelineCount(dossier.history.length)}</p>
<table><thead><tr><th>${t.colNo}</th><th>${t.colTime}</th><th>${t.colEvent}</th><th>${t.colActor}</th><th>${t.colHash}</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

function streamsSection(dossier: PrintableDossier, { t, name }: Page): Html {
  const leaves = new Map<string, { log: string; first: number; last: number }>();
  for (const e of dossier.proof?.events ?? []) {
    if (e.leafIndex === null) continue;
    const at = leaves.get(e.streamId);
    leaves.set(e.streamId, at ? { ...at, first: Math.min(at.first, e.leafIndex), last: Math.max(at.last, e.leafIndex) } : { log: e.log, first: e.leafIndex, last: e.leafIndex });
  }
  const { verification } = dossier;
  const rows = verification.streams.map((s) => {
    const place = leaves.get(s.streamId);
    return html`<tr class="${s.ok ? '' : 'broken'}">
<td class="mono">${s.streamId}</td>
<td>${s.service === null ? t.noStore : name(SERVICE_NAMES[s.service])}</td>
<td class="num">${s.events}</td>
<td class="num">${s.last === null ? '—' : s.last.revision}</td>
<td class="mono">${place ? `${place.log} #${place.first}–#${place.last}` : '—'}</td>
<td>${s.ok ? t.streamOk : t.streamBroken(s.breaks)}</td>
</tr>`;
  });
  const breaks = verification.breaks.map((b) => html`<li><span class="mono">${b.streamId}</span> ${t.revisionOf(b.revision)}: ${t.breakKind[b.kind] ?? b.kind} <span class="sub">${b.message}</span></li>`);
  return html`<section><h2>${t.streamsTitle}</h2>
${serverAccount(t)}
<p>${verification.ok ? t.serverOk(verification.checkedStreams, verification.checkedEvents) : t.serverBroken(verification.breaks.length)} ${t.serverNote}</p>
<table><thead><tr><th>${t.colStream}</th><th>${t.colService}</th><th>${t.colEvents}</th><th>${t.colLast}</th><th>${t.colLeaves}</th><th>${t.colResult}</th></tr></thead>
<tbody>${rows}</tbody></table>
${breaks.length > 0 ? html`<h3>${t.breaksTitle}</h3><ul>${breaks}</ul>` : ''}</section>`;
}

function checkpointsSection(proof: PrintableDossier['proof'], { t }: Page): Html {
  if (!proof) return html`<section><h2>${t.checkpointsTitle}</h2><p>${t.noProof}</p></section>`;
  const rows = proof.checkpoints.map(
    (c) => html`<tr>
<td class="mono">${c.log}</td>
<td class="num">${c.treeSize}</td>
<td class="time">${time(c.timestamp)}</td>
<td class="hash">${c.rootHash}</td>
<td class="hash">${c.signature}</td>
<td class="hash">${c.keyFingerprint}</td>
</tr>`,
  );
  const consistency = proof.consistency.map((c) => html`<li>${t.consistencyOf(c.log, c.fromTreeSize, c.toTreeSize, c.path.length)}</li>`);
  return html`<section><h2>${t.checkpointsTitle}</h2><p>${t.checkpointsNote(proof.events.length)}</p>
<table class="checkpoints"><thead><tr><th>${t.colLog}</th><th>${t.colTreeSize}</th><th>${t.colSignedAt}</th><th>${t.colRoot}</th><th>${t.colSignature}</th><th>${t.colFingerprint}</th></tr></thead>
<tbody>${rows}</tbody></table>
${consistency.length > 0 ? html`<ul>${consistency}</ul>` : ''}</section>`;
}

function minutesSection(caseId: string, minutes: readonly Minutes[], { t, name }: Page): Html {
  if (minutes.length === 0) return html``;
  const units = (list: readonly { name: Name }[]) => list.map((u) => name(u.name)).join(' · ') || '—';
  return html`<section><h2>${t.minutesTitle}</h2>
${serverAccount(t)}
${minutes.map((m) => {
    const item = m.items.find((i) => i.caseId === caseId);
    const d = item?.decision;
    const decision =
      d === undefined || d.kind === 'undecided'
        ? t.undecided
        : d.kind === 'resolution'
          ? t.resolution(name(d.lead.name), units(d.supporting), d.measures, time(d.deadline))
          : d.kind === 'deferral'
            ? t.deferral(d.reason)
            : t.withdrawnFromMeeting(d.reason);
    return html`<table class="facts">
<tr><th>${t.meeting}</th><td class="mono">${m.meetingId}</td></tr>
<tr><th>${t.meetingPlace}</th><td>${m.place} · ${time(m.scheduledAt)}</td></tr>
<tr><th>${t.meetingPresent}</th><td>${units(m.present)}</td></tr>
<tr><th>${t.meetingDecision}</th><td>${decision}</td></tr>
</table>`;
  })}</section>`;
}

function howToVerify(dossier: PrintableDossier, { t }: Page): Html {
  return html`<section class="how"><h2>${t.howTitle}</h2><ol>
<li>${t.howKey}<pre>GET /api/audit/public-key</pre>${t.howKeyCheck(dossier.proof?.publicKeyFingerprint ?? '—')}</li>
<li>${t.howDossier}<pre>GET /api/audit/cases/${dossier.caseId}/dossier</pre></li>
<li>${t.howRun}<pre>npm --prefix ${`<${t.repoDir}>`} run verify -- dossier.json --key public.pem
npx whistle-verify dossier.json --key public.pem</pre>${t.howRunNote}</li>
<li>${t.howChecks}<ul>${t.checks.map((c) => html`<li>${c}</li>`)}</ul></li>
<li>${t.howResult}</li>
${dossier.proof ? html`<li>${t.howKeep}<pre>GET /api/audit/cases/${dossier.caseId}/dossier?since=${sinceParameter(dossier.proof.checkpoints)}
npm --prefix ${`<${t.repoDir}>`} run verify -- new.json --key public.pem --since dossier.json</pre></li>` : ''}
</ol></section>`;
}

/** A time as Beijing time (UTC+8), the time the cases are worked in (the page says so once); anything else as given. */
function time(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Markup made here: text interpolated into it is escaped, markup is not. */
class Html {
  constructor(readonly text: string) {}
}

const raw = (text: string): Html => new Html(text);

function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => (out += piece(value) + (strings[i + 1] ?? '')));
  return new Html(out);
}

function piece(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; font-size: 10.5pt; line-height: 1.5; color: #111; max-width: 190mm; margin: 0 auto; padding: 8mm; }
h1 { font-size: 17pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; padding-bottom: 1mm; margin: 7mm 0 3mm; }
h3 { font-size: 11pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
thead th { background: #eee; }
tr { break-inside: avoid; }
table.facts th { width: 28%; background: #f5f5f5; font-weight: normal; }
.num { text-align: right; white-space: nowrap; }
.time { white-space: nowrap; }
.mono, .hash, pre { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", Consolas, monospace; }
.hash { word-break: break-all; font-size: 8.5pt; }
.sub { color: #555; font-size: 8.5pt; }
tr.broken td { background: #fde8e8; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 0; }
dl.meta dt { color: #555; }
dl.meta dd { margin: 0; }
.note { color: #555; }
p.unverified { border-left: 3px solid #c77700; padding-left: 2mm; color: #6b4000; }
p.verified { border-left: 3px solid #2e7d32; padding-left: 2mm; color: #1b5e20; }
ol.hashes { font-size: 8.5pt; }
pre { background: #f5f5f5; padding: 2mm; white-space: pre-wrap; overflow-wrap: break-word; }
abbr.short { text-decoration: none; white-space: nowrap; font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt; }
a { color: inherit; }
@media print { body { padding: 0; max-width: none; } section { break-inside: auto; } h2 { break-after: avoid; } pre, .how li { break-inside: avoid; } }
`;
