// The signed log on the command line (docs/LOG.md), part of dist/verify-cli.mjs:
//   node verify-cli.mjs [PROOF] --log-key VKEY|FILE … [--policy FILE] [--checkpoint FILE] [--inclusion FILE]
//        [--consistency OLD_CHECKPOINT ADD_CHECKPOINT] [--fork FILE] [--auditor-key VKEY|FILE …] [--attestation FILE …]
//        [--signature FILE.sig …] [--key-statement FILE …] [--key-list FILE] [--json] [--lang zh|en]
// Exit 0: every check passed; 1: one failed; 2: a usage error or an unreadable file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { reportJson, reportText, verifyLog, type LogInputs } from './log.ts';
import type { Lang } from './text.ts';

export const LOG_USAGE = `The signed log (docs/LOG.md):
  --log-key VKEY|FILE       a bureau vkey, or a file of vkeys (one per line, # comments); repeatable. When both
                            the bureau's Ed25519 and SM2 keys are given, both signatures must verify
  --policy FILE             the bureau's log-policy.toml (cosigners' vkeys, quorum): cosignatures are counted
  --checkpoint FILE         a checkpoint (signed note)
  --inclusion FILE          a c2sp.org/tlog-proof@v1 inclusion proof of a ledger entry; with PROOF, also that
                            the entry is the draw of exactly these proof bytes
  --consistency OLD NEW     a checkpoint kept earlier and an add-checkpoint body (ledger prove-consistency)
  --fork FILE               a cosigner's fork proof (dualdraw-fork-proof/v1)
  --auditor-key VKEY|FILE   an auditor's vkey(s), for --attestation; repeatable
  --attestation FILE        an auditor's attestation (with PROOF: that it names these proof bytes); repeatable
  --signature FILE.sig      a published file's detached signature, checked against FILE beside it; repeatable
  --key-statement FILE      a key statement (key rotate|revoke: WS/key-statements/SIZE.txt); repeatable, any
                            order. They are taken by size, each verified against the keys in force before it;
                            a checkpoint is then checked with the keys in force at its size (key-retired,
                            key-revoked when keys a statement withdrew signed it), a file signature with the latest
  --key-list FILE           a province key list (vkeys, one per line, blank lines and # comments): the keys named
                            as the inputs' log origin are used as trusted keys, like --log-key; repeatable
  --json                    print {schema: "dualdraw.verify-log.v1", ok, reports: [{kind, ok, facts, checks:
                            [{check, ok, message}], established, not_established}]} (web/README.md); key checks:
                            keys.statement, keys.in-force (a failure's message starts with its kind code)
Exit status: 0 every check passed, 1 a check failed, 2 usage error or unreadable file.`;

const LOG_FLAGS = ['--log-key', '--policy', '--checkpoint', '--inclusion', '--consistency', '--fork', '--auditor-key', '--attestation', '--signature', '--key-statement', '--key-list'];
export const isLogArg = (a: string) => LOG_FLAGS.includes(a.split('=')[0]);

class Usage extends Error {}

function read(path: string): Uint8Array {
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new Usage(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
const readText = (path: string) => new TextDecoder().decode(read(path));
/** A vkey given inline (it contains '+') or the path of a key list. */
const keyArg = (v: string) => (existsSync(v) ? readText(v) : v);

export async function runLogCli(argv: string[], writeOut: (s: string) => Promise<void>): Promise<number> {
  const inp: LogInputs = { logKeys: [], auditorKeys: [], attestations: [], fileSignatures: [], keyStatements: [], keyLists: [] };
  let json = false;
  let lang: Lang = 'en';
  let proof: string | null = null;
  try {
    for (let i = 0; i < argv.length; i++) {
      let a = argv[i];
      let inline: string | null = null;
      if (a.startsWith('--') && a.includes('=')) {
        inline = a.slice(a.indexOf('=') + 1);
        a = a.slice(0, a.indexOf('='));
      }
      const val = () => {
        if (inline !== null) return inline;
        const v = argv[++i];
        if (v === undefined) throw new Usage(`${a} needs a value`);
        return v;
      };
      if (a === '--json') json = true;
      else if (a === '--lang') {
        const v = val();
        if (v !== 'zh' && v !== 'en') throw new Usage(`--lang: zh or en, not ${v}`);
        lang = v;
      } else if (a === '--log-key') inp.logKeys.push(keyArg(val()));
      else if (a === '--auditor-key') inp.auditorKeys!.push(keyArg(val()));
      else if (a === '--policy') inp.policy = readText(val());
      else if (a === '--key-statement') inp.keyStatements!.push(read(val()));
      else if (a === '--key-list') {
        const f = val();
        inp.keyLists!.push({ name: f, text: readText(f) });
      }
      else if (a === '--checkpoint') inp.checkpoint = read(val());
      else if (a === '--inclusion') inp.inclusion = read(val());
      else if (a === '--consistency') {
        const older = read(val());
        const v2 = argv[++i];
        if (v2 === undefined) throw new Usage('--consistency needs two files: the older checkpoint and the add-checkpoint body');
        inp.consistency = { older, body: read(v2) };
      } else if (a === '--fork') inp.fork = read(val());
      else if (a === '--attestation') inp.attestations!.push(read(val()));
      else if (a === '--signature') {
        const sig = val();
        const file = sig.replace(/\.sig$/, '');
        inp.fileSignatures!.push({ sig: read(sig), name: file, file: file !== sig && existsSync(file) ? read(file) : null });
      } else if (a === '--snapshot') throw new Usage('--snapshot belongs to the draw verification (run it without the log options)');
      else if (a.startsWith('-') && a !== '-') throw new Usage(`unknown option ${a}`);
      else if (proof === null) proof = a;
      else throw new Usage(`unexpected argument ${a}`);
    }
    if (proof !== null) inp.drawProof = read(proof);
  } catch (e) {
    if (!(e instanceof Usage)) throw e;
    process.stderr.write(`error: ${e.message}\n\n${LOG_USAGE}\n`);
    return 2;
  }
  const reports = verifyLog(inp);
  await writeOut(json ? JSON.stringify(reportJson(reports, lang), null, 2) + '\n' : reportText(reports, lang));
  return reports.every((r) => r.ok) ? 0 : 1;
}
