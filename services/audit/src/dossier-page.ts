import type { Dossier } from './audit-queries';

/** Placeholder replaced by the verify branch's printable page. */
export function renderDossierPage(dossier: Dossier, lang: 'zh-CN' | 'en'): string {
  return `<!doctype html><html lang="${lang}"><body><pre>${JSON.stringify(dossier.caseId)}</pre></body></html>`;
}
