import { verifyDossier } from '@whistle/transparency';
import { AuditQueries } from './audit-queries';
import { bootstrapLedger } from './audit-ledger';
import { renderDossierPage, type PrintableDossier } from './dossier-page';
import { auditScenario, type AuditScenario } from './testing/audit-scenario.fixture';

/**
 * The printable page of real dossiers: the audit scenario's cases, read from real SQLite stores
 * by the audit's own queries, with the proof section the audit signs (c2: level 4, resolved at
 * meeting m1, worked and closed). The offline verifier checks the same dossiers, so its rules are
 * held against what the audit really exports.
 */
describe('the printable dossier', () => {
  let scenario: AuditScenario;
  let publicKeyPem: string;

  const dossierOf = (caseId: string): Promise<PrintableDossier> => new AuditQueries(scenario.deps).dossier(caseId);
  /** As an auditor has it: the JSON, parsed. */
  const verified = async (caseId: string) => verifyDossier(JSON.parse(JSON.stringify(await dossierOf(caseId))), publicKeyPem);

  beforeAll(async () => {
    scenario = await auditScenario();
    await bootstrapLedger(scenario.deps);
    publicKeyPem = scenario.deps.integrity.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  });
  afterAll(() => scenario.cleanup());

  it('is made of dossiers the offline verifier accepts: the audit’s proofs, checkpoints and history entries', async () => {
    const dossier = await dossierOf('c2');
    expect(await verified('c2')).toMatchObject({ ok: true, caseId: 'c2', events: dossier.history.length, streams: dossier.verification.streams.length });
    // a case that went on after its first events were signed: its dossier proves the later checkpoints extend the earlier
    await scenario.deps.integrity.caughtUp();
    await scenario.deps.integrity.checkpointAll();
    await scenario.town.whistle('c3');
    const result = await verified('c3');
    expect(result).toMatchObject({ ok: true, caseId: 'c3', checkpoints: expect.arrayContaining([expect.objectContaining({ log: 'escalation', extends: expect.any(Number) })]) });
  });

  it('in Simplified Chinese by default: the case, the timeline with every hash, the streams, the checkpoints, the minutes and how to verify', async () => {
    const dossier = await dossierOf('c2');
    const page = renderDossierPage(dossier, 'zh-CN');
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(page).toContain('<title>案卷 · c2</title>');
    for (const text of ['锦绣华府', '已办结', '4级', '3号楼东侧消防通道被私家车占用', '文中时间均为北京时间（UTC+8）。']) expect(page).toContain(text);
    // the timeline: each event in words, its hash shortened with the whole one beside it and in the footnotes
    expect(page.match(/<h2>[^<]*<\/h2>/g)).toEqual(['案件概况', '全程记录', '事件流与校验', '签名检查点', '会议纪要', '事件哈希全文', '如何验证'].map((h) => `<h2>${h}</h2>`));
    expect(page).toContain(`共 ${dossier.history.length} 条事件`);
    for (const text of ['案件上报', '吹哨', '通过决议', '单位报到', '回访记录', '案件办结']) expect(page).toContain(`<td>${text}<div class="sub">`);
    dossier.history.forEach((e, i) => {
      expect(page).toContain(`<abbr class="short" title="${e.hash}">${e.hash.slice(0, 12)}…</abbr> <a href="#h${i + 1}">[${i + 1}]</a>`);
      expect(page).toContain(`<li id="h${i + 1}"><span class="hash">${e.hash}</span></li>`);
    });
    // the streams, each with its place in its log
    for (const s of dossier.verification.streams) expect(page).toContain(`<td class="mono">${s.streamId}</td>`);
    expect(page).toContain('审计服务校验通过');
    // the signed checkpoints, whole
    for (const c of dossier.proof!.checkpoints) {
      for (const value of [c.rootHash, c.signature, c.keyFingerprint]) expect(page).toContain(`<td class="hash">${value}</td>`);
      expect(page).toContain(`<td class="mono">${c.log}</td>\n<td class="num">${c.treeSize}</td>`);
    }
    expect(page).toContain('会议纪要');
    expect(page).toContain('决议：牵头单位 城市管理局（城管）');
    // how to verify
    expect(page).toContain('<pre>GET /api/audit/public-key</pre>');
    expect(page).toContain('<pre>GET /api/audit/cases/c2/dossier</pre>');
    expect(page).toContain('npm --prefix &lt;本系统代码目录&gt; run verify -- dossier.json --key public.pem\nnpx whistle-verify dossier.json --key public.pem');
    expect(page).toContain(dossier.proof!.publicKeyFingerprint);
    // what the offline verifier checks, and what is the server's word: the case, the server's verification and the minutes, each marked
    const serverAccount = '<p class="unverified">本节是服务器对事件的陈述，离线验证程序不核对（它核对的是事件本身、全程记录及其顺序、已签名的日志）。</p>';
    expect(page.split(serverAccount)).toHaveLength(4);
    for (const title of ['案件概况', '事件流与校验', '会议纪要']) expect(page).toContain(`<h2>${title}</h2>\n${serverAccount}`);
    expect(page).toContain('<h2>全程记录</h2>\n<p class="verified">');
    expect(page).not.toContain('没有缺漏');
    expect(page).toContain('流末尾被略去的事件，或整个被略去的事件流，离线无法发现');
    // how to hold the next dossier to this one's checkpoints
    const logs = [...new Set(dossier.proof!.checkpoints.map((c) => c.log))];
    const since = logs.map((log) => `${log}@${Math.max(...dossier.proof!.checkpoints.filter((c) => c.log === log).map((c) => c.treeSize))}`).join(',');
    expect(page).toContain(`<pre>GET /api/audit/cases/c2/dossier?since=${since}\nnpm --prefix &lt;本系统代码目录&gt; run verify -- new.json --key public.pem --since dossier.json</pre>`);
    // self-contained: no script, nothing fetched
    expect(page).not.toMatch(/<script|<link|<img|src=|url\(|https?:\/\//i);
  });

  it('in English when asked', async () => {
    const page = renderDossierPage(await dossierOf('c2'), 'en');
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    for (const text of ['<title>Case dossier · c2</title>', 'Closed', 'Level 4', 'Case reported', 'Resolution adopted', 'Signed checkpoints', 'How to verify', 'All times are Beijing time (UTC+8).']) {
      expect(page).toContain(text);
    }
    expect(page.match(/<h2>[^<]*<\/h2>/g)).toEqual(
      ['The case', 'Timeline', 'Streams and their verification', 'Signed checkpoints', 'Minutes', 'Event hashes in full', 'How to verify'].map((h) => `<h2>${h}</h2>`),
    );
    const serverAccount =
      '<p class="unverified">This section is the server’s account of the events: the offline verifier does not check it (it checks the events themselves, the timeline and its order, and the signed logs).</p>';
    for (const title of ['The case', 'Streams and their verification', 'Minutes']) expect(page).toContain(`<h2>${title}</h2>\n${serverAccount}`);
    expect(page).not.toContain('with nothing left out');
    expect(page).toContain('events left off a stream’s end, or a whole stream left out, cannot be seen offline');
  });

  it('shows every value from the dossier as text: markup in a description or an actor id is escaped', async () => {
    const dossier = await dossierOf('c1');
    const hostile: PrintableDossier = {
      ...dossier,
      case: { ...dossier.case!, description: '<script>alert("x")</script> & 占道' },
      history: dossier.history.map((e, i) => (i === 0 ? { ...e, actor: { ...e.actor, id: '"><img src=x onerror=alert(1)>' } } : e)),
    };
    for (const lang of ['zh-CN', 'en'] as const) {
      const page = renderDossierPage(hostile, lang);
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 占道');
      expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
      expect(page).not.toMatch(/<script|<img/i);
    }
  });

  it('marks a broken stream and names the break; the offline verifier names the altered event too', async () => {
    const { history } = await dossierOf('c2');
    const victim = history.find((e) => e.type === 'escalation.WhistleBlown.v1')!;
    expect(scenario.tamper('escalation', `UPDATE events SET body = json_set(body, '$.data.level', 3) WHERE event_id = ?`, victim.eventId)).toBe(1);
    const dossier = await dossierOf('c2');
    const page = renderDossierPage(dossier, 'zh-CN');
    expect(page).toContain(`<tr class="broken">\n<td class="mono">${victim.streamId}</td>`);
    expect(page).toContain('审计服务发现');
    expect(page).toContain('内容被改动');
    const result = verifyDossier(JSON.parse(JSON.stringify(dossier)), publicKeyPem);
    expect(result).toMatchObject({ ok: false, failure: { what: 'event', where: expect.stringContaining(`event ${victim.eventId} (${victim.streamId} revision ${victim.revision}`) } });
  });

  it('says so when the dossier has no proof section', async () => {
    const { proof: _proof, ...dossier } = await dossierOf('c3');
    expect(renderDossierPage(dossier, 'zh-CN')).toContain('本案卷没有证明部分，无法离线验证。');
    expect(renderDossierPage(dossier, 'en')).toContain('This dossier has no proof section: it cannot be verified offline.');
  });
});
