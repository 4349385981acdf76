// The verdict of SPEC §9 (`dualdraw.verify.v2`): the same object from the page, `node dist/verify-cli.mjs --json`,
// the Rust CLI and the Python reference. The page never runs the audit level, so its best verdict is "consistent":
// nothing wrong was found, and `not_checked` says what this level could not see and who can.
import type { Proof } from './decode.ts';
import type { PublicResult } from './snapshot.ts';
import { t, type T } from './text.ts';
import type { Failure, Report } from './verify.ts';

export const SCHEMA = 'dualdraw.verify.v2';

/** Every check id of SPEC §9, in table order, with the level that runs it. */
export const CHECKS: { id: string; level: 'light' | 'public' | 'audit' }[] = [
  ...['json', 'format', 'campaign', 'announcement', 'witnesses', 'beacon', 'coordination', 'seed', 'registries', 'inclusion', 'prn', 'targets', 'strata', 'blocked_pairs', 'teams'].map((id) => ({ id, level: 'light' as const })),
  ...['public_snapshot', 'pool', 'cross_stratum'].map((id) => ({ id, level: 'public' as const })),
  ...['stratum_membership', 'selection', 'recusals', 'rerun'].map((id) => ({ id, level: 'audit' as const })),
];
const ORDER = new Map(CHECKS.map((c, i) => [c.id, i]));
const byTable = (a: string, b: string) => (ORDER.get(a) ?? 99) - (ORDER.get(b) ?? 99);

export type Who = 'public' | 'auditor' | 'enterprise';

/** Who can run a check this page cannot, and why it cannot (English, as the other verifiers write it). */
export const NOT_HERE: Record<string, { who: Who[]; why: string; zh: string }> = {
  public_snapshot: { who: ['public'], why: 'the public snapshot is checked against the announced digest only when it is given (pass --snapshot)', zh: '需载入公开名录文件才能核对' },
  pool: { who: ['public'], why: 'the pool is recomputed from the published public snapshot (pass --snapshot)', zh: '抽查范围需由公开名录重新统计' },
  cross_stratum: { who: ['public'], why: "whether the targets fit the stratum sizes needs every pool entity's PRN, from the public snapshot", zh: '检查对象是否与各分层户数相容，需要公开名录中每个企业的随机数' },
  stratum_membership: { who: ['auditor'], why: 'credit classes are confidential: only the workspace holds them and their salts', zh: '信用风险类别保密，只有县局工作区持有' },
  selection: { who: ['auditor', 'enterprise'], why: "which entities are in a stratum is confidential; an enterprise given the openings of its class and its stratum's threshold can check its own case", zh: '各分层成员保密；企业凭本企业的类别开启凭证和分层门槛开启凭证可核对本企业' },
  recusals: { who: ['auditor'], why: 'recusal pairs not among drawn targets and the class exclusions are confidential', zh: '未涉及检查对象的回避申报和按类别排除的企业保密' },
  rerun: { who: ['auditor'], why: "re-running the whole draw needs the workspace's registries and salts", zh: '重新完整抽取需要县局工作区的名录和盐值' },
};

export const ANNOUNCEMENT_NOTE = 'Compare announcement_hash with the hash the bureau published before the draw: a verifier cannot see what was published before.';
export const ANNOUNCEMENT_NOTE_T: T = t('请把公告哈希与登记机关在抽取之前公布的公告哈希逐字核对：任何验证程序都看不到抽取之前公布过什么。', ANNOUNCEMENT_NOTE);

export interface VerdictV2 {
  schema: typeof SCHEMA;
  ok: boolean;
  verdict: 'valid' | 'consistent' | 'invalid';
  level: 'light' | 'public' | 'audit';
  campaign: string | null;
  announcement_hash: string | null;
  seed: string | null;
  established: string[];
  failed: string[];
  not_checked: { check: string; who: Who[]; why: string }[];
  errors: { check: string; message: string; expected?: string; got?: string }[];
  targets: string[] | null;
  teams: { target: string; officers: string[] }[] | null;
  announcement_note: string;
}

export interface VerdictInput {
  /** "public" when a public snapshot was given, whether or not it could be read */
  level: 'light' | 'public';
  proof: Proof | null;
  /** the proof could not be read or decoded (check json or format) */
  fatal?: Failure | null;
  light?: Report | null;
  pub?: PublicResult | null;
  /** a snapshot that could not be read at all (check json) */
  snapshotFailure?: Failure | null;
}

export function buildVerdict(v: VerdictInput): VerdictV2 {
  const failures: Failure[] = [...(v.fatal ? [v.fatal] : []), ...(v.light?.failures ?? []), ...(v.snapshotFailure ? [v.snapshotFailure] : []), ...(v.pub?.failures ?? [])];
  const failed = [...new Set(failures.map((f) => f.area))].sort(byTable);
  const ran = new Set<string>();
  if (v.light) {
    ran.add('format');
    for (const c of v.light.checks) ran.add(c.area);
  }
  if (v.pub) for (const c of v.pub.checks) ran.add(c.area);
  ran.delete('json');
  const established = [...ran].filter((id) => !failed.includes(id) && ORDER.has(id)).sort(byTable);
  const notRunnable = CHECKS.filter((c) => c.level === 'audit' || (v.level === 'light' && c.level === 'public')).map((c) => c.id);
  const ok = failed.length === 0;
  return {
    schema: SCHEMA,
    ok,
    verdict: ok ? 'consistent' : 'invalid',
    level: v.level,
    campaign: v.proof ? v.proof.announcement.campaign.id : null,
    announcement_hash: v.proof ? v.proof.announcement.hash : null,
    seed: v.proof ? v.proof.seed : null,
    established,
    failed,
    not_checked: notRunnable.map((id) => ({ check: id, who: NOT_HERE[id].who, why: NOT_HERE[id].why })),
    errors: failures.map((f) => ({ check: f.area, message: f.what.en, ...(f.expected !== undefined ? { expected: f.expected } : {}), ...(f.got !== undefined ? { got: f.got } : {}) })),
    // SPEC §9: when ok, the verified targets (checked, not re-selected: only the audit level re-selects) and the
    // teams this level re-ran; null otherwise
    targets: ok && v.proof ? v.proof.targets.map((t) => t.entity.uscc).sort() : null,
    teams: ok && v.light && v.light.teams && !v.fatal ? v.light.teams : null,
    announcement_note: ANNOUNCEMENT_NOTE,
  };
}

/** Whether a verdict's failure is a file that could not be read or broke SPEC §10 (the CLI's exit code 2). */
export function unreadable(v: VerdictV2): boolean {
  return v.failed.includes('json');
}

/** Short bilingual names of the checks, for the page and the human report of the command line. */
export const CHECK_LABEL: Record<string, T> = {
  json: t('文件可读（JSON 及规范 §10 的限制）', 'the file is readable JSON within SPEC §10'),
  format: t('证明文件格式', 'the format'),
  campaign: t('抽查活动内容与活动哈希', 'the campaign and its hash'),
  announcement: t('公告内容与公告哈希', 'the announcement and its hash'),
  witnesses: t('见证人秘密与承诺、揭示时间', "witnesses' secrets, commitments and times"),
  beacon: t('公共随机信标', 'the beacon'),
  coordination: t('协调组', 'the coordination group'),
  seed: t('随机种子', 'the seed'),
  registries: t('检查事项清单和执法人员名录', 'the item list and officer directory'),
  inclusion: t('检查对象和回避记录的包含证明', 'inclusion proofs of targets and recusals'),
  prn: t('每个检查对象的随机数', "every target's random number"),
  targets: t('检查对象符合公开条件、事项和部门', 'targets in scope, with their items and departments'),
  strata: t('各分层抽取数的计算', "each stratum's allocation"),
  blocked_pairs: t('公开的回避记录', 'the disclosed recusals'),
  teams: t('重新分配执法人员，检查组一致', 'the officer assignment re-run, team by team'),
  public_snapshot: t('公开名录与公告的名录根一致', 'the public snapshot has the announced roots'),
  pool: t('按公开信息重新统计抽查范围', 'the pool recounted from public fields'),
  cross_stratum: t('检查对象与各分层户数相容（跨分层核对）', 'the targets fit the stratum sizes (cross-stratum)'),
  stratum_membership: t('各分层的户数（保密的信用风险类别）', "each stratum's size from the confidential classes"),
  selection: t('各分层抽中的是随机数最小的企业，门槛承诺成立', "each stratum's targets are its smallest keys; its threshold opens"),
  recusals: t('回避申报与按类别排除完整无遗', 'the recusals and class exclusions are complete'),
  rerun: t('用县局工作区的名录重新完整抽取', "the whole draw re-run from the workspace's registries"),
};

export const WHO_LABEL: Record<Who, T> = {
  public: t('任何人载入公开名录（public-snapshot.json）即可核对', 'anyone, with the published public snapshot'),
  auditor: t('审计核验（县局工作区）', "the audit level (the bureau's workspace)"),
  enterprise: t('企业凭本企业开启凭证（仅限本企业）', 'an enterprise with its own openings (for itself only)'),
};
