import type { BreakKind } from './chain-verification';
import type { PageLang } from './dossier-page.names';

/** The printable dossier's own sentences; the zh-CN page is the default, the en page the choice. */
export interface PageText {
  readonly title: string;
  readonly generatedAt: string;
  readonly digest: string;
  readonly keyFingerprint: string;
  readonly readingNote: string;
  /** under the heading of each section that is the server's account, not checked offline */
  readonly serverAccount: string;
  /** under the timeline's heading: what the verifier checks of it */
  readonly timelineVerified: string;
  readonly noProof: string;
  readonly beijing: string;
  readonly caseTitle: string;
  readonly noCase: string;
  readonly caseId: string;
  readonly category: string;
  readonly compound: string;
  readonly community: string;
  readonly station: string;
  readonly status: string;
  readonly level: string;
  readonly levelOf: (level: number) => string;
  readonly reportedAt: string;
  readonly closedAt: string;
  readonly description: string;
  readonly location: string;
  readonly units: string;
  readonly timelineTitle: string;
  readonly timelineCount: (n: number) => string;
  readonly streamAt: (streamId: string, revision: number) => string;
  readonly colNo: string;
  readonly colTime: string;
  readonly colEvent: string;
  readonly colActor: string;
  readonly colHash: string;
  readonly streamsTitle: string;
  readonly serverOk: (streams: number, events: number) => string;
  readonly serverBroken: (breaks: number) => string;
  readonly serverNote: string;
  readonly colStream: string;
  readonly colService: string;
  readonly colEvents: string;
  readonly colLast: string;
  readonly colLeaves: string;
  readonly colResult: string;
  readonly noStore: string;
  readonly streamOk: string;
  readonly streamBroken: (breaks: number) => string;
  readonly breaksTitle: string;
  readonly revisionOf: (revision: number) => string;
  readonly breakKind: Readonly<Record<BreakKind, string>>;
  readonly checkpointsTitle: string;
  readonly checkpointsNote: (events: number) => string;
  readonly colLog: string;
  readonly colTreeSize: string;
  readonly colSignedAt: string;
  readonly colRoot: string;
  readonly colSignature: string;
  readonly colFingerprint: string;
  readonly consistencyOf: (log: string, from: number, to: number, hashes: number) => string;
  readonly minutesTitle: string;
  readonly meeting: string;
  readonly meetingPlace: string;
  readonly meetingPresent: string;
  readonly meetingDecision: string;
  readonly undecided: string;
  readonly resolution: (lead: string, supporting: string, measures: string, deadline: string) => string;
  readonly deferral: (reason: string) => string;
  readonly withdrawnFromMeeting: (reason: string) => string;
  readonly hashesTitle: string;
  readonly howTitle: string;
  readonly howKey: string;
  readonly howKeyCheck: (fingerprint: string) => string;
  readonly howDossier: string;
  readonly howRun: string;
  readonly repoDir: string;
  readonly howRunNote: string;
  readonly howChecks: string;
  readonly checks: readonly string[];
  readonly howResult: string;
  readonly howKeep: string;
}

export const PAGE_TEXT: Readonly<Record<PageLang, PageText>> = {
  'zh-CN': {
    title: '案卷',
    generatedAt: '生成时间',
    digest: '内容摘要（SHA-256，规范化 JSON）',
    keyFingerprint: '签名公钥指纹（SHA-256）',
    readingNote: '本页是 JSON 案卷的可打印版本，供阅读和归档；验证的对象是 JSON 案卷本身，方法见文末“如何验证”。',
    serverAccount: '本节是服务器对事件的陈述，离线验证程序不核对（它核对的是事件本身、全程记录及其顺序、已签名的日志）。',
    timelineVerified: '本节由离线验证程序逐条核对：每条都是已证明的事件，与其封存正文逐项一致；涉及本案的已证明事件都在这里，各一次，按审计的顺序（记录时间，同一时刻按存储顺序）排列。',
    noProof: '本案卷没有证明部分，无法离线验证。',
    beijing: '文中时间均为北京时间（UTC+8）。',
    caseTitle: '案件概况',
    noCase: '存储中已没有该案件的事件，无法还原案件概况；请查看下方的校验结果。',
    caseId: '案件编号',
    category: '问题类别',
    compound: '小区',
    community: '社区',
    station: '工作站',
    status: '状态',
    level: '吹哨级别',
    levelOf: (level) => `${level}级`,
    reportedAt: '上报时间',
    closedAt: '办结时间',
    description: '问题描述',
    location: '位置',
    units: '涉及单位',
    timelineTitle: '全程记录',
    timelineCount: (n) => `共 ${n} 条事件，按记录时间排列；哈希只印前 12 位，全文见“事件哈希全文”中同一序号。`,
    streamAt: (streamId, revision) => `事件流 ${streamId} 第 ${revision} 条`,
    colNo: '序号',
    colTime: '记录时间',
    colEvent: '事件',
    colActor: '操作者',
    colHash: '哈希',
    streamsTitle: '事件流与校验',
    serverOk: (streams, events) => `审计服务校验通过：${streams} 个事件流、${events} 条事件均未被改动。`,
    serverBroken: (breaks) => `审计服务发现 ${breaks} 处问题。`,
    serverNote: '这是服务端自身的校验结果；不依赖服务器的独立验证，请按文末方法用离线验证程序进行。',
    colStream: '事件流',
    colService: '保存于',
    colEvents: '事件数',
    colLast: '末条序号',
    colLeaves: '日志中的位置',
    colResult: '结果',
    noStore: '已不在任何存储中',
    streamOk: '完好',
    streamBroken: (breaks) => `异常（${breaks}）`,
    breaksTitle: '问题明细',
    revisionOf: (revision) => `第 ${revision} 条`,
    breakKind: {
      hash_mismatch: '内容被改动',
      prev_hash_mismatch: '链接断开（有事件被删除或插入）',
      revision_gap: '序号不连续',
      foreign_stream: '事件属于其他事件流',
      missing_events: '末尾事件被删除',
      missing_stream: '整个事件流被删除',
      head_mismatch: '末条事件被替换',
      log_inconsistent: '存储不再延续已签名的检查点（事件被改动、删除、插入或调换顺序）',
      log_truncated: '存储中的事件少于已签名的检查点（被截断）',
      checkpoint_signature: '检查点签名无效',
      ledger_missing: '审计账本被删除或替换',
      checkpoints_missing: '签名检查点被删除',
      topic_missing: 'Kafka 副本缺少事件',
      topic_extra: 'Kafka 副本多出事件',
      topic_altered: 'Kafka 副本中的事件被改动',
      key_changed: '签名密钥已更换，待审计人员确认',
      unanchored: '存储中已有事件，但审计没有其签名记录',
    },
    checkpointsTitle: '签名检查点',
    checkpointsNote: (events) =>
      `审计服务以 Ed25519 私钥对各存储日志（按 RFC 9162 计算的默克尔树）签名的检查点。本案卷的 ${events} 条事件（服务器给出的所涉事件流的事件）各附有指向下列检查点根哈希的包含证明。`,
    colLog: '日志',
    colTreeSize: '树大小（事件数）',
    colSignedAt: '签名时间',
    colRoot: '根哈希',
    colSignature: '签名（Base64）',
    colFingerprint: '密钥指纹',
    consistencyOf: (log, from, to, hashes) => `一致性证明：日志 ${log} 的 ${to} 条检查点延续了较早的 ${from} 条检查点（${hashes} 个哈希）。`,
    minutesTitle: '会议纪要',
    meeting: '会议',
    meetingPlace: '地点与时间',
    meetingPresent: '出席单位',
    meetingDecision: '本案议定',
    undecided: '未作决定',
    resolution: (lead, supporting, measures, deadline) => `决议：牵头单位 ${lead}，配合单位 ${supporting}；措施：${measures}；期限：${deadline}`,
    deferral: (reason) => `暂缓：${reason}`,
    withdrawnFromMeeting: (reason) => `撤出议程：${reason}`,
    hashesTitle: '事件哈希全文',
    howTitle: '如何验证',
    howKey: '取得审计公钥：以审计或联席会议办公室身份请求',
    howKeyCheck: (fingerprint) => `把返回的 publicKeyPem 存为 public.pem。核对返回的指纹与本页所印的 ${fingerprint} 一致，最好再与审计服务另行公布的指纹核对。`,
    howDossier: '取得 JSON 案卷并存为 dossier.json（本页只是它的可读版本）：',
    howRun: '在存放这两个文件的目录中运行离线验证程序，无需服务器，也无需联网：',
    repoDir: '本系统代码目录',
    howRunNote: '第一种写法用于本系统的代码目录；第二种写法用于已发布验证程序包的场合。',
    howChecks: '验证程序检查：',
    checks: [
      '公钥是 Ed25519 密钥，其指纹与案卷及每个检查点所记的指纹一致；每个检查点的签名；',
      '每条事件的哈希等于 SHA-256（前一哈希 + 封存正文），正文所记的事件编号、事件流和序号与所列一致；',
      '每个事件流从第 0 条起环环相扣，所给的事件之间不缺、不重、不乱序；审计日志已收录而存储已失去的事件会单独列出，验证即不通过。但流末尾被略去的事件，或整个被略去的事件流，离线无法发现：请用下面的 --since 以先前取得的检查点核对；',
      '每条事件的包含证明通向其日志已签名检查点的根哈希；较早检查点到较新检查点的一致性证明；',
      '全程记录恰好是涉及本案的已证明事件，各一次，逐项一致，按审计的顺序排列；案卷的内容摘要；',
      '不核对：案件概况、服务器对事件流的校验结果和会议纪要，它们是服务器对事件的陈述。',
    ],
    howResult: '输出 “verified: …” 且退出码为 0 表示验证通过；输出 “NOT VERIFIED: …” 且退出码为 1 时，指出第一处不符的事件、事件流或检查点及原因。',
    howKeep:
      '保存好本案卷：以后取本案的新案卷时，带上本案卷各日志的检查点（since 参数），再用 --since 让验证程序核对新案卷的日志延续了你手中的检查点。日志若被改写，或审计服务的文件被整体删除、换成旧副本后用同一密钥重新签名，在这一步验证不通过，并指出是哪个日志：',
  },
  en: {
    title: 'Case dossier',
    generatedAt: 'Generated',
    digest: 'Digest (SHA-256 of canonical JSON)',
    keyFingerprint: 'Signing key fingerprint (SHA-256)',
    readingNote: 'This page is the printable form of the JSON dossier, for reading and filing; what is verified is the JSON dossier itself (see “How to verify” at the end).',
    serverAccount: 'This section is the server’s account of the events: the offline verifier does not check it (it checks the events themselves, the timeline and its order, and the signed logs).',
    timelineVerified:
      'The offline verifier checks this section entry by entry: each is a proved event, member for member as sealed; every proved event that concerns the case is here once, in the audit’s order (record time, ties in the stores’ order).',
    noProof: 'This dossier has no proof section: it cannot be verified offline.',
    beijing: 'All times are Beijing time (UTC+8).',
    caseTitle: 'The case',
    noCase: 'No store holds an event of this case any more, so the case cannot be shown; see the verification below.',
    caseId: 'Case number',
    category: 'Category',
    compound: 'Compound',
    community: 'Community',
    station: 'Station',
    status: 'Status',
    level: 'Whistle level',
    levelOf: (level) => `Level ${level}`,
    reportedAt: 'Reported',
    closedAt: 'Closed',
    description: 'Description',
    location: 'Location',
    units: 'Units involved',
    timelineTitle: 'Timeline',
    timelineCount: (n) => `${n} events, in the order recorded; each hash is shortened to 12 digits, in full under the same number in “Event hashes in full”.`,
    streamAt: (streamId, revision) => `stream ${streamId} revision ${revision}`,
    colNo: 'No.',
    colTime: 'Recorded',
    colEvent: 'Event',
    colActor: 'By',
    colHash: 'Hash',
    streamsTitle: 'Streams and their verification',
    serverOk: (streams, events) => `The audit service found all ${streams} streams and ${events} events unaltered.`,
    serverBroken: (breaks) => `The audit service found ${breaks} problems.`,
    serverNote: 'This is the server’s own check; to verify without trusting the server, use the offline verifier as described at the end.',
    colStream: 'Stream',
    colService: 'Held by',
    colEvents: 'Events',
    colLast: 'Last revision',
    colLeaves: 'Place in the log',
    colResult: 'Result',
    noStore: 'no longer in any store',
    streamOk: 'intact',
    streamBroken: (breaks) => `broken (${breaks})`,
    breaksTitle: 'Problems found',
    revisionOf: (revision) => `revision ${revision}`,
    breakKind: {
      hash_mismatch: 'content altered',
      prev_hash_mismatch: 'chain broken (an event removed or inserted)',
      revision_gap: 'revisions not consecutive',
      foreign_stream: 'event of another stream',
      missing_events: 'events removed from the end',
      missing_stream: 'whole stream removed',
      head_mismatch: 'last event replaced',
      log_inconsistent: 'the store no longer extends its signed checkpoint (an event edited, deleted, inserted or reordered)',
      log_truncated: 'the store holds fewer events than its signed checkpoint (cut short)',
      checkpoint_signature: 'a checkpoint’s signature does not verify',
      ledger_missing: 'the audit’s ledger was deleted or replaced',
      checkpoints_missing: 'the signed checkpoints were deleted',
      topic_missing: 'an event missing from the Kafka copy',
      topic_extra: 'an extra event in the Kafka copy',
      topic_altered: 'an event altered in the Kafka copy',
      key_changed: 'the signing key changed; an auditor confirms it',
      unanchored: 'the stores hold events the audit has no signed record of',
    },
    checkpointsTitle: 'Signed checkpoints',
    checkpointsNote: (events) =>
      `Checkpoints the audit service signed with its Ed25519 key over each store's log (a Merkle tree hashed as RFC 9162 does). Each of this dossier's ${events} events (the events of the streams concerned, as the server gave them) carries an inclusion proof leading to the root of one of them.`,
    colLog: 'Log',
    colTreeSize: 'Tree size (events)',
    colSignedAt: 'Signed',
    colRoot: 'Root hash',
    colSignature: 'Signature (base64)',
    colFingerprint: 'Key fingerprint',
    consistencyOf: (log, from, to, hashes) => `Consistency proof: log ${log}'s checkpoint of ${to} events extends its earlier one of ${from} (${hashes} hashes).`,
    minutesTitle: 'Minutes',
    meeting: 'Meeting',
    meetingPlace: 'Place and time',
    meetingPresent: 'Units present',
    meetingDecision: 'Decided for this case',
    undecided: 'nothing decided',
    resolution: (lead, supporting, measures, deadline) => `Resolution: led by ${lead}, supported by ${supporting}; measures: ${measures}; deadline: ${deadline}`,
    deferral: (reason) => `Deferred: ${reason}`,
    withdrawnFromMeeting: (reason) => `Withdrawn from the agenda: ${reason}`,
    hashesTitle: 'Event hashes in full',
    howTitle: 'How to verify',
    howKey: 'Get the audit’s public key, as an auditor or the joint-meeting office:',
    howKeyCheck: (fingerprint) =>
      `Save its publicKeyPem as public.pem. Check that the fingerprint it gives is the one printed here, ${fingerprint}, and preferably against the fingerprint the audit publishes elsewhere.`,
    howDossier: 'Get the JSON dossier and save it as dossier.json (this page is only its readable form):',
    howRun: 'Run the offline verifier in the directory holding the two files; it needs no server and no network:',
    repoDir: 'the system’s code directory',
    howRunNote: 'The first form runs from the system’s code; the second where the verifier’s package is published.',
    howChecks: 'The verifier checks:',
    checks: [
      'the key is an Ed25519 key whose fingerprint is the one the dossier and every checkpoint name; every checkpoint’s signature;',
      'each event’s hash is SHA-256 of its prevHash and sealed body, and the body names the event, stream and revision listed;',
      'each stream chains from revision 0, none missing, repeated or out of order among the events given; an event the audit’s log took that the store has lost is listed, and fails the check. But events left off a stream’s end, or a whole stream left out, cannot be seen offline: hold the dossier to checkpoints you took earlier with --since, below;',
      'each event’s inclusion proof leads to the signed root of its log’s checkpoint; the consistency proof from an earlier checkpoint to a later one;',
      'the timeline is exactly the proved events that concern the case, each once and member for member, in the audit’s order; the dossier’s digest;',
      'not checked: the case summary, the server’s verification of the streams and the minutes, which are the server’s account of the events.',
    ],
    howResult: '“verified: …” and exit code 0 mean it holds; “NOT VERIFIED: …” and exit code 1 name the first event, stream or checkpoint that fails, and why.',
    howKeep:
      'Keep this dossier: ask for the case’s next dossier with this one’s checkpoints (since), and let the verifier hold it to the checkpoints you hold with --since. A log rewritten, or the audit’s files deleted or put back from older copies and signed again with the same key, fails there, naming the log:',
  },
};
