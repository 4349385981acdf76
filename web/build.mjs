// Builds dist/verify.html, one self-contained page (inline CSS and JS; the worker's code inlined as a string and
// started from a Blob URL), and dist/verify-cli.mjs, the same verifier for node. Deterministic: the same sources give the same bytes (no dates, no paths, fixed esbuild),
// because the file is committed and embedded in the dualdraw binary.
//   node build.mjs          write both
//   node build.mjs --check  fail if dist/verify.html or dist/verify-cli.mjs differs from a fresh build (forgot to rebuild?)
import { build, transform } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, 'dist', 'verify.html');
const cliOut = join(root, 'dist', 'verify-cli.mjs');

const common = {
  bundle: true,
  write: false,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
  charset: 'utf8',
  legalComments: 'eof',
  logLevel: 'warning',
};

async function bundle(entry, define = {}) {
  const r = await build({ ...common, entryPoints: [join(root, 'src', entry)], define });
  return r.outputFiles[0].text;
}

/** Make JS safe inside an inline <script>: "</script" and "<!--" must not appear. */
function scriptSafe(js) {
  let s = js.replace(/<\/(script)/gi, '<\\/$1');
  if (/<!--/.test(s)) throw new Error('"<!--" in the bundle: escape it before inlining');
  return s;
}

/** A CSP source for an inline element's exact text: 'sha256-BASE64'. */
const cspHash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export async function buildPage() {
  const worker = scriptSafe(await bundle('worker.ts'));
  const main = scriptSafe(await bundle('main.ts', { __WORKER_SRC__: JSON.stringify(worker), __VERSION__: JSON.stringify(pkg.version) })).trim();
  const css = (await transform(readFileSync(join(root, 'src', 'style.css'), 'utf8'), { loader: 'css', minify: true })).code.trim();
  if (/<\/style/i.test(css)) throw new Error('"</style" in the CSS');
  // No network: the policy forbids every fetch, image, font and frame. No 'unsafe-inline', no 'unsafe-eval': the one
  // inline script and the one inline style are allowed by their hashes; the worker (and, where a browser refuses
  // workers, the same bundle on the page's thread) comes from a blob: URL the page makes itself.
  const csp = `default-src 'none'; script-src ${cspHash(main)} blob:; worker-src blob:; style-src ${cspHash(css)}; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'`;
  return (
    '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="generator" content="dualdraw web/build.mjs">\n' +
    '<title>双随机抽查结果公开验证</title>\n' +
    `<style>${css}</style>\n</head>\n<body>\n` +
    '<noscript><p class="noscript">本页面需要启用 JavaScript。This page needs JavaScript.</p></noscript>\n' +
    `<script>${main}</script>\n</body>\n</html>\n`
  );
}

/** dist/verify-cli.mjs: the same verifier for node (one file, the libraries bundled in). */
export async function buildCli() {
  const r = await build({
    entryPoints: [join(root, 'src', 'cli.ts')],
    bundle: true,
    write: false,
    minify: false,
    format: 'esm',
    platform: 'node',
    // ES modules first: sm-crypto-v2's CommonJS build requires node:crypto through @noble/hashes 1.x, which an ES
    // module bundle cannot do
    mainFields: ['module', 'main'],
    target: ['node20'],
    charset: 'utf8',
    legalComments: 'eof',
    logLevel: 'warning',
    banner: { js: '#!/usr/bin/env node\n// Built by web/build.mjs from web/src (the code of dist/verify.html); do not edit.' },
  });
  return r.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = [
    [out, await buildPage()],
    [cliOut, await buildCli()],
  ];
  if (process.argv.includes('--check')) {
    let stale = false;
    for (const [file, text] of files) {
      let old = '';
      try {
        old = readFileSync(file, 'utf8');
      } catch {}
      const name = `dist/${file.split(/[\\/]/).pop()}`;
      if (old !== text) {
        console.error(`web/${name} is not the build of the current sources: run \`npm run build\` and commit it.`);
        stale = true;
      } else console.log(`${name} is up to date (${Buffer.byteLength(text)} bytes)`);
    }
    if (stale) process.exit(1);
  } else {
    mkdirSync(dirname(out), { recursive: true });
    for (const [file, text] of files) {
      writeFileSync(file, text, file === cliOut ? { mode: 0o755 } : undefined);
      console.log(`wrote dist/${file.split(/[\\/]/).pop()} (${Buffer.byteLength(text)} bytes)`);
    }
  }
}
