// The page's verifier on the command line (node ≥ 20.19), the same code as dist/verify.html:
//   node dist/verify-cli.mjs PROOF [--snapshot SNAPSHOT] [--json] [--lang zh|en]
// Light level from the proof alone, public level with the public snapshot (read as a stream; JSON or compact, told
// apart by its first bytes). With --json it prints
// the verdict object of SPEC §9 (dualdraw.verify.v2). Exit 0: consistent; 1: invalid; 2: a usage error, or a file
// that could not be read or broke the rules of SPEC §10 (with --json the verdict object is still printed).
// With any of the signed log's options (--log-key, --checkpoint, --inclusion, --consistency, --fork, --attestation,
// --signature) it verifies those instead (docs/LOG.md; src/logCli.ts), PROOF then being the draw they must name.
import { openAsBlob, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeCompactSetup } from './nodeCompact.ts';
import { LOG_USAGE, isLogArg, runLogCli } from './logCli.ts';
import { runVerification, unreadableFailure } from './run.ts';
import { type Lang } from './text.ts';
import { ANNOUNCEMENT_NOTE_T, CHECK_LABEL, WHO_LABEL, buildVerdict, unreadable, type VerdictV2 } from './verdict.ts';

const USAGE = `usage: node verify-cli.mjs PROOF [--snapshot SNAPSHOT] [--json] [--lang zh|en]
       node verify-cli.mjs [PROOF] --log-key VKEY… (--checkpoint F | --inclusion F | --consistency OLD NEW | --fork F | --attestation F | --signature F.sig)… [--key-statement F …] [--key-list F] [--json]

Verifies a dualdraw draw proof with the code of the public verification page (web/dist/verify.html):
the light level from the proof alone, the public level with the published public snapshot.
  --snapshot FILE  the public snapshot, for the public level: JSON (dualdraw registry export --public) or compact
                   (--compact, COMMITMENTS.md §9), told apart by the file's first bytes
  --json           print the verdict object of docs/SPEC.md §9 (schema dualdraw.verify.v2)
  --lang zh|en     language of the human report (default en)
Exit status: 0 consistent, 1 invalid, 2 usage error or unreadable file.

${LOG_USAGE}`;

interface Args {
  proof: string;
  snapshot: string | null;
  json: boolean;
  lang: Lang;
}

function parseArgs(argv: string[]): Args | string {
  let proof: string | null = null;
  let snapshot: string | null = null;
  let json = false;
  let lang: Lang = 'en';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--snapshot' || a === '--lang') {
      const v = argv[++i];
      if (v === undefined) return `${a} needs a value`;
      if (a === '--snapshot') snapshot = v;
      else if (v === 'zh' || v === 'en') lang = v;
      else return `--lang: zh or en, not ${v}`;
    } else if (a.startsWith('--snapshot=')) snapshot = a.slice(11);
    else if (a === '-h' || a === '--help') return '';
    else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else if (proof === null) proof = a;
    else return `unexpected argument ${a}`;
  }
  if (proof === null) return 'a proof file is needed';
  return { proof, snapshot, json, lang };
}

/** A Blob over a file without reading it into memory (node ≥ 19.8), or the reason it cannot be opened. */
async function fileBlob(path: string): Promise<Blob> {
  if (!statSync(path).isFile()) throw new Error(`${path} is not a file`);
  return (await openAsBlob(path)) as Blob;
}

function human(v: VerdictV2, lang: Lang): string {
  const tr = (x: { zh: string; en: string }) => x[lang];
  const zh = lang === 'zh';
  const out: string[] = [];
  const lvl = v.level === 'public' ? (zh ? '公开核验（证明 + 公开名录）' : 'public (proof + public snapshot)') : zh ? '简易核验（仅证明）' : 'light (proof only)';
  if (v.verdict === 'invalid') out.push(zh ? `✘ 验证未通过 — 级别：${lvl}` : `✘ INVALID — level: ${lvl}`);
  else out.push(zh ? `◐ 未发现问题（一致），并非完整核验 — 级别：${lvl}` : `◐ CONSISTENT (nothing wrong found; not a full re-run) — level: ${lvl}`);
  if (v.campaign) out.push(`${zh ? '抽查活动' : 'campaign'}: ${v.campaign}   ${zh ? '公告哈希' : 'announcement hash'}: ${v.announcement_hash}`);
  if (v.errors.length) {
    out.push('', zh ? '不一致之处：' : 'Failures:');
    for (const e of v.errors) out.push(`  ✘ [${e.check}] ${e.message}`);
  }
  if (v.established.length) {
    out.push('', zh ? '已核实：' : 'Established:');
    for (const id of v.established) out.push(`  ✔ ${id}: ${tr(CHECK_LABEL[id])}`);
  }
  out.push('', zh ? '本级别无法核实（谁可以核实）：' : 'Not checked at this level (who can check it):');
  for (const n of v.not_checked) out.push(`  – ${n.check}: ${tr(CHECK_LABEL[n.check])} — ${n.who.map((w) => tr(WHO_LABEL[w])).join(zh ? '；' : '; ')}`);
  out.push('', tr(ANNOUNCEMENT_NOTE_T));
  return out.join('\n');
}

async function main(): Promise<number> {
  if (process.argv.slice(2).some(isLogArg)) return runLogCli(process.argv.slice(2), writeOut);
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    if (args === '') {
      console.log(USAGE);
      return 0;
    }
    console.error(`error: ${args}\n\n${USAGE}`);
    return 2;
  }
  const level = args.snapshot ? 'public' : 'light';
  let verdict: VerdictV2;
  try {
    let proof: Blob;
    try {
      proof = await fileBlob(args.proof);
    } catch (e) {
      throw unreadableFailure('proof', e instanceof Error ? e.message : e);
    }
    let snap: Blob | null = null;
    if (args.snapshot) {
      try {
        snap = await fileBlob(args.snapshot);
      } catch (e) {
        throw unreadableFailure('snapshot', e instanceof Error ? e.message : e);
      }
    }
    let last = 0;
    const v = await runVerification(proof, snap, (phase, bytes, total) => {
      if (args.json || !process.stderr.isTTY || phase !== 'public' || Date.now() - last < 500) return;
      last = Date.now();
      process.stderr.write(`\rreading the public snapshot: ${((100 * bytes) / Math.max(1, total)).toFixed(0)}%`);
    });
    if (last) process.stderr.write('\n');
    verdict = v.verdict;
  } catch (e) {
    if (!(e && typeof e === 'object' && 'area' in e)) throw e;
    verdict = buildVerdict({ level, proof: null, fatal: e as ReturnType<typeof unreadableFailure> });
  }
  await writeOut((args.json ? JSON.stringify(verdict, null, 2) : human(verdict, args.lang)) + '\n');
  return unreadable(verdict) ? 2 : verdict.ok ? 0 : 1;
}

/** Standard output written completely before the process exits: to a pipe node writes asynchronously, and
 *  process.exit() right after console.log() cut a verdict longer than 64 KiB (a county's teams) short. */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

// a worker thread of this file hashes compact snapshot blocks (nodeCompact.ts); the main thread runs the command
if (!nodeCompactSetup(fileURLToPath(import.meta.url)))
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.stack : String(e));
      process.exit(2);
    },
  );
