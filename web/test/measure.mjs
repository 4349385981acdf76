// Measures verify.html in headless Chromium on a published draw (not part of npm test: timings depend on the machine).
//   node test/measure.mjs PUBLISHED_DIR [--light | --compact]
// PUBLISHED_DIR holds proof.json and public-snapshot.json (e.g. from `dualdraw demo DIR --entities N`: then it is
// DIR/workspace/published/2026-JOINT-01); with --compact, public-snapshot.ddps (`dualdraw publish ID --compact`). Prints the time from the click to the verdict, the worker's own times, and
// the longest stall of the page's main thread meanwhile (a timer that should fire every 20 ms), and Chromium's peak
// total resident memory during the verification (all its processes, from /proc, sampled every 100 ms).
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const dir = process.argv[2];
const light = process.argv.includes('--light');
const snapName = process.argv.includes('--compact') ? 'public-snapshot.ddps' : 'public-snapshot.json';
const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const profile = mkdtempSync(join(tmpdir(), 'dualdraw-measure-'));

// Chromium's total resident memory: VmRSS of the browser process (the one started with this profile) and all its
// descendants, summed, read from /proc (shared pages are counted in each process, as the bound counts them).
function chromiumRssKb() {
  const procs = new Map(); // pid -> { ppid, rss, cmd }
  for (const name of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = +(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rss = +(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      procs.set(+name, { ppid, rss, cmd });
    } catch {
      // the process ended meanwhile
    }
  }
  const roots = [...procs].filter(([, p]) => p.cmd.includes(profile) && !procs.get(p.ppid)?.cmd.includes(profile)).map(([pid]) => pid);
  const seen = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of procs) if (!seen.has(pid) && seen.has(p.ppid)) { seen.add(pid); grew = true; }
  }
  let kb = 0;
  for (const pid of seen) kb += procs.get(pid).rss;
  return { kb, processes: seen.size };
}

const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto(pathToFileURL(join(web, 'dist', 'verify.html')).href);
await page.setInputFiles('[data-testid=proof-input]', join(dir, 'proof.json'));
if (!light) await page.setInputFiles('[data-testid=snapshot-input]', join(dir, snapName));
await page.evaluate(() => {
  const w = window;
  w.__maxGap = 0;
  let last = performance.now();
  w.__timer = setInterval(() => {
    const now = performance.now();
    w.__maxGap = Math.max(w.__maxGap, now - last);
    last = now;
  }, 20);
});
let peak = chromiumRssKb();
const sampler = setInterval(() => {
  const now = chromiumRssKb();
  if (now.kb > peak.kb) peak = now;
}, 100);
const t0 = Date.now();
await page.click('[data-testid=verify-button]');
await page.waitForSelector('[data-testid=verdict][data-status=consistent], [data-testid=verdict][data-status=invalid], [data-testid=verdict][data-status=error]', { timeout: 3_600_000 });
const wall = Date.now() - t0;
clearInterval(sampler);
const status = await page.getAttribute('[data-testid=verdict]', 'data-status');
const level = await page.getAttribute('[data-testid=level]', 'data-level');
const maxGap = await page.evaluate(() => window.__maxGap);
const detail = await page.textContent('#timing');
const mb = light ? 0 : statSync(join(dir, snapName)).size / 1048576;
// a look-up of the last target: binary search in the file, its block re-read, the audit path built and checked
const proof = JSON.parse(readFileSync(join(dir, 'proof.json'), 'utf8'));
const uscc = proof.targets[proof.targets.length - 1].entity.uscc;
await page.fill('[data-testid=uscc-input]', uscc);
const t1 = Date.now();
await page.click('[data-testid=lookup-button]');
await page.waitForSelector('[data-testid=lookup-result][data-status=done]');
const lookupMs = Date.now() - t1;
const drawn = await page.getAttribute('[data-testid=lookup-result]', 'data-drawn');
console.log(JSON.stringify({ status, level, wall_ms: wall, chromium_peak_rss_mb: Math.round(peak.kb / 1024), chromium_processes: peak.processes, snapshot_mb: +mb.toFixed(1), longest_main_thread_stall_ms: Math.round(maxGap), page_says: detail, lookup_ms: lookupMs, lookup_drawn: drawn }));
await ctx.close();
