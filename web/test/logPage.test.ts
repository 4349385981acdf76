// The page's signed-log section (src/logPage.ts) in headless Chromium, from file://: the reader pastes the bureau's
// vkeys, loads a checkpoint and an inclusion proof (and the draw proof above) and sees the verdict; tampered inputs
// are refused and named, in Chinese first, and the page makes no request.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { sha, toHex, utf8 } from '../src/bytes.ts';
import { toB64 } from '../src/log.ts';
import { checkpointText, consistencyProof, edSigner, entryLine, inclusionPath, leaves, ledger, note, smSigner } from './logFixtures.ts';

const WEB = join(import.meta.dirname, '..');
const PAGE = pathToFileURL(join(WEB, 'dist', 'verify.html')).href;
const ORIGIN = 'scjg.520123.gov.cn/dualdraw';
const ed = edSigner(ORIGIN, 1);
const sm = smSigner(ORIGIN, 1);
const proofBytes = utf8(JSON.stringify({ format: 'dualdraw-draw-proof-v1', announcement: { campaign: { id: '2026-TEST-01' }, hash: 'ab'.repeat(32) } }));
const entries = ledger(9, { bytes: proofBytes, campaign: '2026-TEST-01', announcement: 'ab'.repeat(32) });
const ls = leaves(entries);
const cp = (n: number) => note(checkpointText(ORIGIN, ls, n), [ed, sm]);
const cp9 = cp(9);
const tlog = (seq: number, c = cp9) =>
  `c2sp.org/tlog-proof@v1\nextra ${toB64(utf8(entryLine(entries[seq - 1])))}\nindex ${seq - 1}\n${inclusionPath(ls, seq - 1, 9).map((h) => toB64(h) + '\n').join('')}\n${c}`;

let tmp = '';
let ctx: BrowserContext;
let page: Page;
const requests: string[] = [];
const file = (name: string, data: string | Uint8Array) => {
  writeFileSync(join(tmp, name), data);
  return join(tmp, name);
};

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'dualdraw-log-page-'));
  ctx = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  ctx.on('request', (r) => requests.push(r.url()));
  page = await ctx.newPage();
});
after(async () => {
  await ctx?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function check(inputs: Record<string, string | null>, keys = `${ed.vkey}\n${sm.vkey}\n`, pasted = ''): Promise<{ status: string; text: string }> {
  await page.goto(PAGE);
  await page.getByTestId('log-keys').fill(keys);
  if (pasted) await page.getByTestId('log-checkpoint-text').fill(pasted);
  for (const [testid, path] of Object.entries(inputs)) if (path) await page.getByTestId(testid).setInputFiles(path);
  await page.getByTestId('log-verify-button').click();
  await page.waitForSelector('[data-testid="log-result"][data-status="valid"], [data-testid="log-result"][data-status="invalid"]', { timeout: 20000 });
  return { status: (await page.getByTestId('log-result').getAttribute('data-status'))!, text: await page.getByTestId('log-result').innerText() };
}

test('a pasted checkpoint and an inclusion proof of the loaded draw verify, in Chinese, with what was established', async () => {
  const r = await check({ 'proof-input': file('proof.json', proofBytes), 'log-inclusion-input': file('p.tlog-proof', tlog(2)) }, undefined, cp9);
  assert.equal(r.status, 'valid', r.text);
  assert.match(r.text, /签名日志核验通过/);
  assert.match(r.text, /此证明文件的字节正是机关记入日志的那次抽取/);
  assert.match(r.text, /未能证明/);
  assert.deepEqual(await page.locator('[data-testid="log-report"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-ok')}`)), [
    'keys:true',
    'checkpoint:true',
    'inclusion:true',
  ]);
  await page.getByTestId('lang-toggle').click();
  assert.match(await page.getByTestId('log-result').innerText(), /these exact proof bytes are the draw the bureau logged/);
});

test('another draw proof, an edited checkpoint, a missing SM2 signature, a consistency proof from a kept checkpoint, attestations', async () => {
  const other = await check({ 'proof-input': file('other.json', utf8('{"announcement":{}}')), 'log-inclusion-input': file('p2.tlog-proof', tlog(2)) });
  assert.equal(other.status, 'invalid');
  assert.equal(await page.locator('[data-check="inclusion.draw"].bad').count() > 0, true);
  const edited = await check({ 'log-checkpoint-input': file('cp-edited.txt', cp9.replace('\n9\n', '\n8\n')) });
  assert.equal(edited.status, 'invalid');
  assert.match(edited.text, /签名验证失败/);
  const edOnly = await check({ 'log-checkpoint-input': file('cp-ed.txt', note(checkpointText(ORIGIN, ls, 9), [ed])) });
  assert.equal(edOnly.status, 'invalid');
  assert.match(edOnly.text, /缺少机关密钥/);
  const body = `old 4\n${consistencyProof(ls, 4, 9).map((h) => toB64(h) + '\n').join('')}\n${cp9}`;
  const cons = await check({ 'log-old-input': file('old.txt', cp(4)), 'log-consistency-input': file('add.txt', body) });
  assert.equal(cons.status, 'valid', cons.text);
  assert.match(cons.text, /保留了此前签署的 4 条日志的全部条目/);
  // an auditor's attestation of the loaded proof, shown with the auditor's fingerprint; and of another proof
  const aud = [edSigner('auditor.example', 21), smSigner('auditor.example', 21)];
  const attText = (proofHex: string) =>
    note(`dualdraw-attestation/v1\ncampaign 2026-TEST-01\nannouncement ${'ab'.repeat(32)}\nproof ${proofHex}\nlevel audit\nverdict valid\ntime 2026-03-03T08:00:00Z\n`, aud);
  const proofFile = file('proof-a.json', proofBytes);
  await page.goto(PAGE);
  await page.getByTestId('proof-input').setInputFiles(proofFile);
  await page.getByTestId('log-auditor-keys').fill(aud.map((a) => a.vkey).join('\n'));
  await page.getByTestId('log-attestation-input').setInputFiles(file('att.txt', attText(toHex(sha(proofBytes)))));
  await page.getByTestId('log-verify-button').click();
  await page.waitForSelector('[data-testid="log-result"][data-status="valid"], [data-testid="log-result"][data-status="invalid"]', { timeout: 20000 });
  assert.equal(await page.getByTestId('log-result').getAttribute('data-status'), 'valid', await page.getByTestId('log-result').innerText());
  assert.match(await page.getByTestId('log-result').innerText(), /审计人（auditor\.example（|审计人（auditor\.example \(/);
  await page.getByTestId('log-attestation-input').setInputFiles(file('att2.txt', attText('cd'.repeat(32))));
  await page.getByTestId('log-verify-button').click();
  await page.waitForSelector('[data-testid="log-result"][data-status="invalid"]', { timeout: 20000 });
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:')), []);
});

test('key statements (several files) and a province key list: the keys in force by size, key-revoked named (docs/LOG.md §8)', async () => {
  const V = JSON.parse(readFileSync(join(WEB, '..', 'tests', 'vectors', 'log-keys-v1.json'), 'utf8'));
  const list = file('province-keys.txt', `# 省级公钥清单\n\n${V.generations[0].map((k: { vkey: string }) => k.vkey).join('\n')}\n`);
  const statements = V.statements.map((s: { size: number; text: string }) => file(`key-statement-${s.size}.txt`, s.text));
  const run = async (cpText: string) => {
    await page.goto(PAGE);
    await page.getByTestId('log-key-statement-input').setInputFiles(statements);
    await page.getByTestId('log-key-list-input').setInputFiles(list);
    await page.getByTestId('log-checkpoint-text').fill(cpText);
    await page.getByTestId('log-verify-button').click();
    await page.waitForSelector('[data-testid="log-result"][data-status="valid"], [data-testid="log-result"][data-status="invalid"]', { timeout: 20000 });
    return { status: (await page.getByTestId('log-result').getAttribute('data-status'))!, text: await page.getByTestId('log-result').innerText() };
  };
  const between = await run(V.accept.find((c: { name: string }) => c.name === 'between').input);
  assert.equal(between.status, 'valid', between.text);
  assert.equal(await page.locator('[data-check="keys.statement"].ok').count(), 2);
  assert.equal(await page.locator('[data-check="keys.in-force"].ok').count(), 1);
  assert.match(between.text, /轮换/);
  const revoked = await run(V.refuse.find((c: { name: string }) => c.name === 'checkpoint-by-revoked-keys').input);
  assert.equal(revoked.status, 'invalid');
  assert.match(await page.locator('[data-check="keys.in-force"].bad').innerText(), /key-revoked/);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:')), []);
});
