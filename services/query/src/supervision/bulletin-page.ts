import type { WeeklyBulletin } from '@whistle/read-models';
import { BULLETIN_WORDS } from './bulletin.names';
import { beijingTime, type BulletinTable, type Cell } from './bulletin-tables';
import type { BulletinLang } from './supervision.request.dto';

/**
 * The bulletin as one self-contained printable page (inline CSS with print styles, no script,
 * nothing fetched), a section per table of the workbook, in the style of the printable dossier.
 * Every value is escaped.
 */
export function renderBulletinPage(bulletin: WeeklyBulletin, tables: readonly BulletinTable[], lang: BulletinLang): string {
  const w = (key: keyof typeof BULLETIN_WORDS) => (lang === 'en' ? BULLETIN_WORDS[key].en : BULLETIN_WORDS[key].zh);
  const title = `${w('title')} · ${bulletin.week}`;
  const sections = tables.map((table) => {
    const body =
      table.rows.length === 0
        ? `<p class="none">${escapeHtml(w('none'))}</p>`
        : `<table><thead><tr>${table.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${table.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n')}</tbody></table>`;
    return `<section id="${table.key}"><h2>${escapeHtml(table.name)}</h2>\n${body}</section>`;
  });
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="note">${escapeHtml(`${beijingTime(bulletin.from)} – ${beijingTime(bulletin.to)} · ${w('generatedAt')} ${beijingTime(bulletin.generatedAt)} · ${w('beijing')}`)}</p>
</header>
${sections.join('\n')}
</body>
</html>
`;
}

function cell(value: Cell): string {
  if (value === null) return '<td class="empty">—</td>';
  if (typeof value === 'object') return `<td class="num">${(value.percent * 100).toFixed(1)}%</td>`;
  if (typeof value === 'number') return `<td class="num">${String(value)}</td>`;
  return `<td>${escapeHtml(value)}</td>`;
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; font-size: 10.5pt; line-height: 1.5; color: #111; max-width: 190mm; margin: 0 auto; padding: 8mm; }
h1 { font-size: 17pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; padding-bottom: 1mm; margin: 7mm 0 3mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #eee; }
tr { break-inside: avoid; }
.num { text-align: right; white-space: nowrap; }
.empty { color: #777; }
.note, .none { color: #555; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } }
`;
