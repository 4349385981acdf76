// End to end: dualdraw's own demo makes a real draw; headless Chromium opens dist/verify.html from disk (file://),
// loads the published proof and public snapshot through the page's file inputs, and must see "consistent" (never "genuine": the page cannot run the audit level); tampered
// proofs must fail with the difference named; look-ups and the witness tool work; and the page makes no network
// request at all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { toHex } from '../src/bytes.ts';
import { witnessCommitment } from '../src/draw.ts';
import { drawCategories, makePoolPredicate } from '../src/verify.ts';
import { decodeProof } from '../src/decode.ts';
import { parseJson } from '../src/json.ts';

const WEB = join(import.meta.dirname, '..');
const REPO = join(WEB, '..');
// DUALDRAW_BIN: a dualdraw binary already built (say, in another worktree) instead of `cargo build --release` here
const BIN = process.env.DUALDRAW_BIN ?? join(REPO, 'target', 'release', 'dualdraw');
const CLI = join(WEB, 'dist', 'verify-cli.mjs');
const PAGE = pathToFileURL(join(WEB, 'dist', 'verify.html')).href;
const SALT_KEY = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let tmp = '';
let profile = '';
let pub = '';
let ws = '';
let ctx: BrowserContext;
let page: Page;
let proofJson: any;
const requests: string[] = [];
const cspProblems: string[] = [];

function run(args: string[], opts: { cwd?: string } = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', ...opts });
  return r;
}

/** A draw decided by drand quicknet round 1000 (a real round: its signature is public data), made with dualdraw. */
function makeBeaconDraw(dir: string): string {
  assert.equal(run(['demo', dir, '--registries-only', '--salt-key', SALT_KEY]).status, 0);
  const w = JSON.parse(run(['witness', 'new', '--json']).stdout);
  writeFileSync(
    join(dir, 'BEACON-01.toml'),
    [
      'id = "BEACON-01"',
      'title = "信标抽查"',
      'lead_department = "县市场监管局"',
      'draw_date = "2023-08-24"',
      'items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]',
      ...['A', 'B', 'C', 'D'].flatMap((c) => ['[[targets.strata]]', `credit_class = "${c}"`, 'ratio = "1%"']),
      '[teams]',
      'max_targets_per_officer = 10',
      '[entropy]',
      `witnesses = [{ name = "甲", commitment = "${w.commitment}" }]`,
      'beacon = { scheme = "drand-quicknet", round = 1000 }',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'round1000.json'),
    '{"round":1000,"randomness":"fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd","signature":"b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39"}',
  );
  const W = ['-w', join(dir, 'workspace')];
  for (const args of [
    ['campaign', 'announce', join(dir, 'BEACON-01.toml'), '--now', '2023-08-23T08:00:00Z'],
    ['campaign', 'reveal', 'BEACON-01', `甲=${w.secret}`, '--now', '2023-08-23T10:00:00Z'],
    ['campaign', 'draw', 'BEACON-01', '--beacon', join(dir, 'round1000.json'), '--now', '2023-08-23T16:00:00Z'],
    ['publish', 'BEACON-01', '--now', '2023-08-23T17:00:00Z'],
  ]) {
    const r = run([...W, ...args]);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  return join(dir, 'workspace', 'published', 'BEACON-01');
}

/** A draw with assignment v2 (SPEC §6.1), made with dualdraw in a demo county of its own. */
function makeV2Draw(dir: string): string {
  assert.equal(run(['demo', dir, '--registries-only', '--salt-key', SALT_KEY]).status, 0);
  const w = JSON.parse(run(['witness', 'new', '--json']).stdout);
  writeFileSync(
    join(dir, 'V2-01.toml'),
    [
      'id = "V2-01"',
      'title = "分配程序 v2 抽查"',
      'lead_department = "县市场监管局"',
      'draw_date = "2026-12-20"',
      'items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]',
      ...['A', 'B', 'C', 'D'].flatMap((c) => ['[[targets.strata]]', `credit_class = "${c}"`, 'ratio = "5%"']),
      '[teams]',
      'assignment = "v2"',
      'max_targets_per_officer = 15',
      '[entropy]',
      `witnesses = [{ name = "甲", commitment = "${w.commitment}" }]`,
    ].join('\n'),
  );
  const W = ['-w', join(dir, 'workspace')];
  for (const args of [
    ['campaign', 'announce', join(dir, 'V2-01.toml'), '--now', '2026-12-10T08:00:00Z'],
    ['campaign', 'reveal', 'V2-01', `甲=${w.secret}`, '--now', '2026-12-10T09:00:00Z'],
    ['campaign', 'draw', 'V2-01', '--now', '2026-12-10T10:00:00Z'],
    ['publish', 'V2-01', '--now', '2026-12-10T11:00:00Z'],
  ]) {
    const r = run([...W, ...args]);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  return join(dir, 'workspace', 'published', 'V2-01');
}

async function verify(proofPath: string, snapshotPath: string | null): Promise<string> {
  await page.goto(PAGE);
  await page.setInputFiles('[data-testid=proof-input]', proofPath);
  if (snapshotPath) await page.setInputFiles('[data-testid=snapshot-input]', snapshotPath);
  await page.click('[data-testid=verify-button]');
  await page.waitForSelector('[data-testid=verdict][data-status=consistent], [data-testid=verdict][data-status=invalid]', { timeout: 120_000 });
  return (await page.getAttribute('[data-testid=verdict]', 'data-status')) as string;
}

/** CSP violations seen by the page (securitypolicyviolation events, recorded by an init script). */
async function pageViolations(p: Page = page): Promise<string[]> {
  return p.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

async function failuresText(): Promise<string> {
  return (await page.locator('[data-testid=failure]').allTextContents()).join('\n');
}

describe('verify.html in headless Chromium', { timeout: 600_000 }, () => {
  before(async () => {
    if (!existsSync(BIN)) {
      const b = spawnSync('cargo', ['build', '--release'], { cwd: REPO, stdio: 'inherit' });
      assert.equal(b.status, 0, 'cargo build --release');
    }
    assert.ok(existsSync(join(WEB, 'dist', 'verify.html')), 'run `npm run build` first');
    assert.ok(existsSync('/usr/bin/chromium'), "the end-to-end test needs Debian's Chromium: apt-get install -y chromium");
    tmp = mkdtempSync(join(tmpdir(), 'dualdraw-web-e2e-'));
    const d = run(['demo', join(tmp, 'demo'), '--salt-key', SALT_KEY]);
    assert.equal(d.status, 0, d.stderr);
    ws = join(tmp, 'demo', 'workspace');
    const published = join(ws, 'published');
    const id = readdirSync(published)[0];
    pub = join(published, id);
    proofJson = JSON.parse(readFileSync(join(pub, 'proof.json'), 'utf8'));
    profile = mkdtempSync(join(tmpdir(), 'dualdraw-web-chrome-'));
    ctx = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROME_ARGS });
    ctx.on('request', (r) => requests.push(r.url()));
    // every CSP violation of every page: the event in the document, and the console message (workers included)
    await ctx.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const watch = (p: Page) => {
      p.on('console', (m) => {
        if (/Content[ -]Security[ -]Policy/i.test(m.text())) cspProblems.push(m.text());
      });
      p.on('worker', (w) => w.on('console', (m) => /Content[ -]Security[ -]Policy/i.test(m.text()) && cspProblems.push(m.text())));
    };
    ctx.on('page', watch);
    page = ctx.pages()[0] ?? (await ctx.newPage());
    watch(page);
    page.on('pageerror', (e) => console.error('page error:', e.message));
  });

  after(async () => {
    await ctx?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('the page\'s Content-Security-Policy has neither unsafe-inline nor unsafe-eval', async () => {
    await page.goto(PAGE);
    const csp = (await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content')) ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/]+=*' blob:/);
    assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    assert.match(csp, /worker-src blob:/);
  });

  test('the published proof and public snapshot are consistent at the public level (never "genuine": no audit here)', async () => {
    assert.equal(await verify(join(pub, 'proof.json'), join(pub, 'public-snapshot.json')), 'consistent');
    assert.equal(await page.getAttribute('[data-testid=level]', 'data-level'), 'public');
    const headline = (await page.textContent('[data-testid=verdict-text]')) ?? '';
    assert.match(headline, /公开核验未发现问题/);
    assert.doesNotMatch(headline, /真实有效/);
    assert.equal(await page.getAttribute('[data-testid=verdict-text]', 'class'), 'banner partial');
    assert.ok(await page.locator('[data-testid=established] [data-check=cross_stratum]').count(), 'cross_stratum established');
    const nc = (await page.textContent('[data-testid=not-checked]')) ?? '';
    assert.match(nc, /审计核验（县局工作区）/);
    assert.match(nc, /企业凭本企业开启凭证/);
    assert.match((await page.textContent('[data-testid=announcement-note]')) ?? '', new RegExp(proofJson.announcement.hash));
    assert.deepEqual(await pageViolations(), []);
    assert.equal(await page.locator('[data-testid=targets] tbody tr').count(), proofJson.targets.length);
    assert.equal(await page.textContent('[data-testid=announcement-hash]'), proofJson.announcement.hash);
    assert.equal(await page.textContent('[data-testid=seed]'), proofJson.seed);
    assert.equal(await page.locator('[data-testid=checks] li.bad').count(), 0);
    // the Rust verifier agrees
    assert.equal(run(['verify', join(pub, 'proof.json'), '--snapshot', join(pub, 'public-snapshot.json')]).status, 0);
    // and so does the page's code on the command line, with the same verdict
    const c = spawnSync(process.execPath, [CLI, join(pub, 'proof.json'), '--snapshot', join(pub, 'public-snapshot.json'), '--json'], { encoding: 'utf8' });
    assert.equal(c.status, 0, c.stderr);
    const v = JSON.parse(c.stdout);
    assert.equal(v.verdict, 'consistent');
    assert.equal(v.level, 'public');
    assert.ok(v.established.includes('cross_stratum'));
  });

  test('the proof alone verifies at the light level', async () => {
    assert.equal(await verify(join(pub, 'proof.json'), null), 'consistent');
    assert.equal(await page.getAttribute('[data-testid=level]', 'data-level'), 'light');
    assert.match((await page.textContent('[data-testid=verdict-text]')) ?? '', /简易核验未发现问题/);
    assert.ok(await page.locator('[data-testid=not-checked] [data-check=cross_stratum]').count(), 'cross_stratum not checked at the light level');
  });

  test('one officer of one team swapped: failure names the target and both officers', async () => {
    const p = structuredClone(proofJson);
    const k = 3;
    const team = p.teams[k];
    const dept = p.officers.find((o: any) => o.id === team.officers[0]).department;
    const other = p.officers.find((o: any) => o.department === dept && o.status === 'active' && !team.officers.includes(o.id));
    const before0 = team.officers[0];
    team.officers[0] = other.id;
    const file = join(tmp, 'tampered-team.json');
    writeFileSync(file, JSON.stringify(p, null, 2));
    assert.equal(await verify(file, join(pub, 'public-snapshot.json')), 'invalid');
    const text = await failuresText();
    assert.match(text, new RegExp(`第${k + 1}个检查对象（${team.target}`));
    assert.match(text, /检查组与按公告重新计算的不一致/);
    assert.ok(text.includes(before0), `names the officer who should be there (${before0}): ${text}`);
    assert.ok(text.includes(other.id) && text.includes(other.name), `names the officer found instead: ${text}`);
    assert.equal(await page.getAttribute('[data-testid=level]', 'data-level'), 'public', 'the level run');
    assert.equal(await page.getAttribute('[data-testid=failures] [data-testid=failure]', 'data-area'), 'teams');
    // the Rust verifier agrees that it fails
    assert.equal(run(['verify', file, '--light']).status, 1);
  });

  test('a witness secret changed: failure names the witness; English on the toggle', async () => {
    const p = structuredClone(proofJson);
    const w = p.entropy.reveals[0];
    w.secret = w.secret.slice(0, -1) + (w.secret.endsWith('0') ? '1' : '0');
    const file = join(tmp, 'tampered-secret.json');
    writeFileSync(file, JSON.stringify(p));
    assert.equal(await verify(file, null), 'invalid');
    const text = await failuresText();
    assert.match(text, new RegExp(`见证人“${w.name}”公开的秘密与其事先提交的承诺不符`));
    assert.match(text, /随机种子与由公告、见证人秘密和信标推算的不一致/);
    await page.click('[data-testid=lang-toggle]');
    assert.match(await failuresText(), new RegExp(`Witness "${w.name}"'s revealed secret does not match the commitment`));
    assert.match((await page.textContent('[data-testid=verdict-text]')) ?? '', /Not verified/);
    assert.equal(run(['verify', file, '--light']).status, 1);
  });

  test('a public snapshot with one entity edited: the registry root is named', async () => {
    const snap = readFileSync(join(pub, 'public-snapshot.json'), 'utf8');
    const i = snap.indexOf('"status":"in_business"', snap.indexOf('"entities"'));
    const edited = snap.slice(0, i) + '"status":"suspended"' + snap.slice(i + '"status":"in_business"'.length);
    const file = join(tmp, 'tampered-snapshot.json');
    writeFileSync(file, edited);
    assert.equal(await verify(join(pub, 'proof.json'), file), 'invalid');
    assert.match(await failuresText(), /公开名录中的市场主体名录（\d+ 条）算出的根与公告的根不一致/);
    assert.equal(await page.getAttribute('[data-testid=level]', 'data-level'), 'public');
  });

  test('USCC look-ups: drawn, in the pool but not drawn (with the class opened), not registered', async () => {
    assert.equal(await verify(join(pub, 'proof.json'), join(pub, 'public-snapshot.json')), 'consistent');
    const lookup = async (uscc: string, inclusion?: string, threshold?: string) => {
      await page.fill('[data-testid=uscc-input]', uscc);
      await page.setInputFiles('[data-testid=inclusion-input]', inclusion ? inclusion : []);
      await page.setInputFiles('[data-testid=threshold-input]', threshold ? threshold : []);
      await page.click('[data-testid=lookup-button]');
      await page.waitForSelector('[data-testid=lookup-result][data-status=done]');
      const el = page.locator('[data-testid=lookup-result]');
      return { kind: await page.getAttribute('[data-testid=lookup-headline]', 'data-kind'), drawn: await el.getAttribute('data-drawn'), inPool: await el.getAttribute('data-in-pool'), inclusion: await el.getAttribute('data-inclusion'), cls: await el.getAttribute('data-class'), text: (await el.textContent()) ?? '' };
    };
    const target = proofJson.targets[7].entity.uscc;
    const a = await lookup(target);
    assert.equal(a.drawn, 'true');
    assert.equal(a.inPool, 'true');
    assert.equal(a.inclusion, 'true');
    assert.match(a.text, /被抽中：检查对象名单第 8 个/);

    // an entity in the pool that was not drawn, found with this page's own pool rules
    const proof = decodeProof(parseJson(readFileSync(join(pub, 'proof.json'))));
    const { C } = drawCategories(proof.announcement.campaign, new Map(proof.items.map((i) => [i.code, i])));
    const inPool = makePoolPredicate(proof.announcement.campaign, C, new Set(proof.announcement.exclusion));
    const snap = JSON.parse(readFileSync(join(pub, 'public-snapshot.json'), 'utf8'));
    const targets = new Set(proof.targets.map((x) => x.entity.uscc));
    const other = snap.entities.find((e: any) => inPool(e).in && !targets.has(e.uscc));
    const b = await lookup(other.uscc);
    assert.equal(b.drawn, 'false');
    assert.equal(b.inPool, 'true');
    assert.equal(b.inclusion, 'true');
    assert.match(b.text, /在本次抽查范围内，但没有被抽中/);

    // the bureau gives the enterprise the opening of its own class: `registry prove USCC --open`
    const prove = run(['-w', ws, 'registry', 'prove', other.uscc, '--open']);
    assert.equal(prove.status, 0, prove.stderr);
    const incFile = join(tmp, 'inclusion-open.json');
    writeFileSync(incFile, prove.stdout);
    const cls = JSON.parse(prove.stdout).opening.value;
    const c = await lookup(other.uscc, incFile);
    assert.equal(c.cls, cls);
    assert.match(c.text, new RegExp(`信用风险类别核对成立：该企业在公告的名录中为 ${cls} 类`));
    assert.match(c.text, new RegExp(`在 ${cls} 类分层（共 \\d+ 户，抽取 \\d+ 户）中，该企业的随机数不在最小的 \\d+ 个之内`));

    // and the opening of its stratum's threshold: why it was not drawn, consistent with the list
    const opened = run(['-w', ws, 'campaign', 'open-threshold', proofJson.announcement.campaign.id, cls]);
    assert.equal(opened.status, 0, opened.stderr);
    const thrFile = join(tmp, 'threshold.json');
    writeFileSync(thrFile, opened.stdout);
    const c2 = await lookup(other.uscc, incFile, thrFile);
    assert.match(c2.text, new RegExp(`${cls} 类分层的门槛开启成立`));
    assert.match(c2.text, /排序键 [0-9a-f]{64} 大于门槛的排序键 [0-9a-f]{64}，所以未被抽中，与公布的名单一致/);
    // a drawn target of the same class: at most the threshold, drawn
    const drawnSame = proof.targets
      .map((x) => x.entity.uscc)
      .map((u) => ({ u, o: JSON.parse(run(['-w', ws, 'registry', 'prove', u, '--open']).stdout) }))
      .find((x) => x.o.opening.value === cls)!;
    const incDrawn = join(tmp, 'inclusion-drawn.json');
    writeFileSync(incDrawn, JSON.stringify(drawnSame.o));
    const c3 = await lookup(drawnSame.u, incDrawn, thrFile);
    assert.match(c3.text, /不大于门槛的排序键 [0-9a-f]{64}，所以被抽中，与公布的名单一致/);
    // a forged threshold is caught
    const thrForged = JSON.parse(opened.stdout);
    thrForged.threshold = 'f'.repeat(64);
    writeFileSync(thrFile, JSON.stringify(thrForged));
    assert.match((await lookup(other.uscc, incFile, thrFile)).text, new RegExp(`${cls} 类分层门槛的开启信息不成立`));

    // a forged opening (another class) is caught
    const forged = JSON.parse(prove.stdout);
    forged.opening.value = cls === 'A' ? 'B' : 'A';
    writeFileSync(incFile, JSON.stringify(forged));
    const d = await lookup(other.uscc, incFile);
    assert.match(d.text, /信用风险类别的开启信息不成立/);
    assert.equal(d.kind, 'fail', 'a failed opening turns the headline red');

    // an entity that is not registered at all (a well-formed code)
    const e = await lookup('91110000000000000E');
    assert.equal(e.inPool, 'false');
    assert.match(e.text, /不在公告时的市场主体名录中/);
    // a code with a wrong check character is invalid, with the character it should have (GB 32100-2015)
    const x = await lookup('91110000000000000X');
    assert.equal(x.kind, 'fail');
    assert.match(x.text, /不是有效的统一社会信用代码：按前 17 位，第 18 位校验码应为“E”/);
    assert.doesNotMatch(x.text, /不在公告时的市场主体名录中/);
  });

  test('a draw decided by a drand quicknet round verifies (BLS signature); a changed signature is caught', async () => {
    const dir = makeBeaconDraw(join(tmp, 'beacon'));
    assert.equal(await verify(join(dir, 'proof.json'), join(dir, 'public-snapshot.json')), 'consistent');
    assert.equal(await page.getAttribute('[data-testid=level]', 'data-level'), 'public');
    const details = (await page.textContent('#details')) ?? '';
    assert.match(details, /drand quicknet 第 1000 轮/);
    assert.match(details, /2023-08-23T15:59:24Z（北京时间 2023-08-23 23:59:24）/);
    const p = JSON.parse(readFileSync(join(dir, 'proof.json'), 'utf8'));
    const sig: string = p.entropy.beacon.evidence;
    p.entropy.beacon.evidence = sig.slice(0, 40) + (sig[40] === 'a' ? 'b' : 'a') + sig.slice(41);
    const file = join(tmp, 'tampered-beacon.json');
    writeFileSync(file, JSON.stringify(p));
    assert.equal(await verify(file, null), 'invalid');
    const text = await failuresText();
    assert.match(text, /drand quicknet 第 1000 轮的签名验证失败/);
    assert.equal(run(['verify', file, '--light']).status, 1);
  });

  test('a draw with assignment v2 verifies (teams re-run with §6.1); a swapped team member is caught, as the Rust verifier says', async () => {
    const dir = makeV2Draw(join(tmp, 'v2'));
    const p = JSON.parse(readFileSync(join(dir, 'proof.json'), 'utf8'));
    assert.equal(p.announcement.campaign.teams.assignment, 'v2');
    assert.equal(await verify(join(dir, 'proof.json'), join(dir, 'public-snapshot.json')), 'consistent');
    assert.equal(await page.getAttribute('[data-testid=level]', 'data-level'), 'public');
    assert.match((await page.textContent('[data-testid=assignment-version]')) ?? '', /^v2（规范 §6\.1/);
    assert.match((await page.textContent('[data-testid=checks]')) ?? '', /分配程序 v2/);
    // one officer moved between two teams of the same department (loads unchanged)
    const byId = new Map<string, any>(p.officers.map((o: any) => [o.id, o]));
    let swapped = '';
    outer: for (const A of p.teams)
      for (const B of p.teams)
        for (const a of A.officers)
          for (const b of B.officers)
            if (A !== B && byId.get(a).department === byId.get(b).department && !A.officers.includes(b) && !B.officers.includes(a)) {
              A.officers = A.officers.map((x: string) => (x === a ? b : x));
              B.officers = B.officers.map((x: string) => (x === b ? a : x));
              swapped = A.target;
              break outer;
            }
    assert.ok(swapped);
    const file = join(tmp, 'tampered-v2-team.json');
    writeFileSync(file, JSON.stringify(p));
    assert.equal(await verify(file, null), 'invalid');
    assert.equal(await page.getAttribute('[data-testid=failures] [data-testid=failure]', 'data-area'), 'teams');
    assert.match(await failuresText(), new RegExp(`（${swapped}`));
    assert.equal(run(['verify', join(dir, 'proof.json'), '--light']).status, 0, 'the Rust verifier: the untouched v2 proof');
    assert.equal(run(['verify', file, '--light']).status, 1, 'the Rust verifier: the tampered one');
  });

  test('a v2 draw with officer_region = "same" over three regions (fixture made by dualdraw) is consistent in the page', async () => {
    const file = join(tmp, 'v2-same-region.json');
    writeFileSync(file, gunzipSync(readFileSync(join(WEB, 'test', 'fixtures', 'v2-same-region.json.gz'))));
    assert.equal(await verify(file, null), 'consistent');
    assert.equal(await page.getAttribute('[data-testid=level]', 'data-level'), 'light');
  });

  test('the witness tool makes a 32-byte secret and its commitment on the device', async () => {
    await page.goto(PAGE);
    await page.click('[data-testid=witness-generate]');
    const secret = (await page.textContent('[data-testid=witness-secret]')) ?? '';
    const com = (await page.textContent('[data-testid=witness-commitment]')) ?? '';
    assert.match(secret, /^[0-9a-f]{64}$/);
    assert.equal(com, toHex(witnessCommitment(secret)));
    // the same commitment as `dualdraw witness new` would give: check the CLI's own pair in the page
    const cli = JSON.parse(run(['witness', 'new', '--json']).stdout);
    await page.fill('[data-testid=witness-check-input]', cli.secret);
    await page.click('[data-testid=witness-check-button]');
    assert.equal(await page.textContent('[data-testid=witness-check-output]'), cli.commitment);
  });

  test('a compact public snapshot (COMMITMENTS.md §9): the same verdict, helpers in nested workers, look-ups from one block (before any whole-file verification too), damage refused naming the block', async () => {
    const compact = join(tmp, 'public-snapshot.ddps');
    const ex = run(['-w', ws, 'registry', 'export', '--public', '--compact', '--snapshot', String(proofJson.announcement.snapshot.id), compact]);
    assert.equal(ex.status, 0, ex.stderr);
    assert.equal(readFileSync(compact).subarray(0, 8).toString('latin1'), 'DDPSNAP2');
    assert.equal(await verify(join(pub, 'proof.json'), compact), 'consistent');
    assert.equal(await page.getAttribute('[data-testid=level]', 'data-level'), 'public');
    assert.ok(await page.locator('[data-testid=established] [data-check=cross_stratum]').count(), 'cross_stratum established');
    assert.equal(await page.locator('[data-testid=checks] li.bad').count(), 0);
    // the demo's 20,000 entities are 5 blocks; at least one was hashed by a helper (a worker started by the worker)
    assert.match((await page.textContent('#timing')) ?? '', /紧凑格式，5 块，其中 [1-5] 块由 \d+ 个辅助线程计算/);
    // the node entry: the same verdict object as for the JSON file
    const cj = spawnSync(process.execPath, [CLI, join(pub, 'proof.json'), '--snapshot', compact, '--json'], { encoding: 'utf8' });
    const jj = spawnSync(process.execPath, [CLI, join(pub, 'proof.json'), '--snapshot', join(pub, 'public-snapshot.json'), '--json'], { encoding: 'utf8' });
    assert.equal(cj.status, 0, cj.stderr);
    assert.equal(cj.stdout, jj.stdout);

    const lookup = async (uscc: string) => {
      await page.fill('[data-testid=uscc-input]', uscc);
      await page.setInputFiles('[data-testid=inclusion-input]', []);
      await page.setInputFiles('[data-testid=threshold-input]', []);
      await page.click('[data-testid=lookup-button]');
      await page.waitForSelector('[data-testid=lookup-result][data-status=done]');
      const el = page.locator('[data-testid=lookup-result]');
      return { kind: await page.getAttribute('[data-testid=lookup-headline]', 'data-kind'), drawn: await el.getAttribute('data-drawn'), inPool: await el.getAttribute('data-in-pool'), inclusion: await el.getAttribute('data-inclusion'), text: (await el.textContent()) ?? '' };
    };
    const snap = JSON.parse(readFileSync(join(pub, 'public-snapshot.json'), 'utf8'));
    const targets = new Set(proofJson.targets.map((x: any) => x.entity.uscc));
    const target = proofJson.targets[7].entity.uscc;
    const other = snap.entities[12345].uscc;
    assert.ok(!targets.has(other));
    const a = await lookup(target);
    assert.equal(a.drawn, 'true');
    assert.equal(a.inclusion, 'true');
    assert.match(a.text, /由公开名录（紧凑格式：索引和第 \d 块）构建包含证明并核对：该企业是公告时市场主体名录的第 \d+ 条（共 20000 条）/);
    const b = await lookup(other);
    assert.equal(b.drawn, 'false');
    assert.equal(b.inclusion, 'true');
    assert.match(b.text, /第 12346 条（共 20000 条）/);
    // a code that is not registered: shown by its two neighbours
    const first17 = '91520123MA0000000';
    const check = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let sum = 0;
    for (let i = 0, w = 1; i < 17; i++, w = (w * 3) % 31) sum += check.indexOf(first17[i]) * w;
    const absent = first17 + check[(31 - (sum % 31)) % 31];
    assert.ok(!snap.entities.some((e: any) => e.uscc === absent));
    const c = await lookup(absent);
    assert.equal(c.inPool, 'false');
    assert.match(c.text, /不在公告时的市场主体名录中/);
    assert.match(c.text, /与该代码相邻的记录（.*）的包含证明与公告的名录根一致/);

    // before (without) a whole-file verification: the proof alone verified, then the compact snapshot chosen
    assert.equal(await verify(join(pub, 'proof.json'), null), 'consistent');
    assert.equal(await page.getAttribute('[data-testid=level]', 'data-level'), 'light');
    await page.setInputFiles('[data-testid=snapshot-input]', compact);
    const d = await lookup(other);
    assert.equal(d.inclusion, 'true');
    assert.match(d.text, /紧凑格式：索引和第 \d 块/);

    // damage: bytes after block 2's DEFLATE stream (Chromium's DecompressionStream refuses them), a byte of the index
    const bytes = readFileSync(compact);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const indexAt = Number(dv.getBigUint64(bytes.length - 20));
    const blockAt = (k: number) => Number(dv.getBigUint64(indexAt + 58 * k));
    const at2 = blockAt(2);
    const stored2 = dv.getUint32(at2 + 4);
    const junk = Buffer.alloc(bytes.length + 1);
    // the block grows by one byte: its stored_len, every later offset of the index and the trailer's follow
    bytes.copy(junk, 0, 0, at2 + 8 + stored2);
    junk[at2 + 8 + stored2] = 0;
    bytes.copy(junk, at2 + 8 + stored2 + 1, at2 + 8 + stored2);
    const jv = new DataView(junk.buffer, junk.byteOffset, junk.byteLength);
    jv.setUint32(at2 + 4, stored2 + 1);
    for (let k = 3; k < 5; k++) jv.setBigUint64(indexAt + 1 + 58 * k, BigInt(blockAt(k) + 1));
    jv.setBigUint64(junk.length - 20, BigInt(indexAt + 1));
    const junkFile = join(tmp, 'junk.ddps');
    writeFileSync(junkFile, junk);
    assert.equal(await verify(join(pub, 'proof.json'), junkFile), 'invalid');
    assert.match(await failuresText(), /公开名录第 2 块的压缩数据在 DEFLATE 数据流结束之后还有/);
    assert.equal(run(['verify', join(pub, 'proof.json'), '--snapshot', junkFile]).status, 1, 'the Rust verifier refuses it too');
    assert.equal(spawnSync(process.execPath, [CLI, join(pub, 'proof.json'), '--snapshot', junkFile], { encoding: 'utf8' }).status, 1, 'and the node entry');
    const bad = Buffer.from(bytes);
    bad[indexAt + 58 * 3 + 40] ^= 1;
    const badFile = join(tmp, 'bad-index.ddps');
    writeFileSync(badFile, bad);
    assert.equal(await verify(join(pub, 'proof.json'), badFile), 'invalid');
    assert.match(await failuresText(), /紧凑格式公开名录的索引中第 3 块的根为 [0-9a-f]{64}，而由该块的 4096 个实体算出/);
    assert.equal(run(['verify', join(pub, 'proof.json'), '--snapshot', badFile]).status, 1);
    const e = await lookup(snap.entities[3 * 4096 + 5].uscc);
    assert.equal(e.kind, 'fail');
    assert.equal(e.inclusion, 'false');
    assert.deepEqual(await pageViolations(), []);
  });

  test('without Web Workers (a browser that refuses them) the page verifies on its own thread', async () => {
    const p2 = await ctx.newPage();
    await p2.addInitScript(() => {
      (window as unknown as { Worker: unknown }).Worker = function () {
        throw new Error('no workers here');
      };
    });
    await p2.goto(PAGE);
    await p2.setInputFiles('[data-testid=proof-input]', join(pub, 'proof.json'));
    await p2.setInputFiles('[data-testid=snapshot-input]', join(pub, 'public-snapshot.json'));
    await p2.click('[data-testid=verify-button]');
    await p2.waitForSelector('[data-testid=verdict][data-status=consistent], [data-testid=verdict][data-status=invalid]', { timeout: 120_000 });
    assert.equal(await p2.getAttribute('[data-testid=verdict]', 'data-status'), 'consistent');
    assert.equal(await p2.getAttribute('[data-testid=level]', 'data-level'), 'public');
    assert.deepEqual(await pageViolations(p2), [], 'the fallback (a blob: script, no eval) breaks no CSP rule');
    await p2.close();
  });

  test('a proof of 100000 nested "[" is refused by name (SPEC §10), no stack overflow', async () => {
    const file = join(tmp, 'deep.json');
    writeFileSync(file, '['.repeat(100000) + ']'.repeat(100000));
    assert.equal(await verify(file, null), 'invalid');
    const text = await failuresText();
    assert.match(text, /嵌套超过 64 层/);
    assert.doesNotMatch(text, /Maximum call stack/);
    assert.equal(await page.getAttribute('[data-testid=failure]', 'data-area'), 'json');
  });

  test('no CSP violation was reported while verifying (document events and console, workers included)', async () => {
    assert.deepEqual(await pageViolations(), []);
    assert.deepEqual(cspProblems, []);
  });

  test('the page made no network request: only the file itself and the worker blob', () => {
    assert.ok(requests.length > 0);
    const other = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(other, []);
    assert.ok(requests.some((u) => u.startsWith('blob:')), 'the verifier ran in a worker started from a blob');
    assert.ok(requests.filter((u) => u.startsWith('file:')).every((u) => u === PAGE), 'no file other than the page was requested');
  });
});
