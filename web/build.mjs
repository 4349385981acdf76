// Builds dist/verify.html: one self-contained page (inline CSS and JS; the worker's code inlined as a string and
// started from a Blob URL). Deterministic: the same sources give the same bytes (no dates, no paths, fixed esbuild),
// because the file is committed and embedded in the dualdraw binary.
//   node build.mjs          write dist/verify.html
//   node build.mjs --check  fail if dist/verify.html differs from a fresh build (forgot to rebuild?)
import { build, transform } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, 'dist', 'verify.html');

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

export async function buildPage() {
  const worker = scriptSafe(await bundle('worker.ts'));
  const main = scriptSafe(await bundle('main.ts', { __WORKER_SRC__: JSON.stringify(worker), __VERSION__: JSON.stringify(pkg.version) }));
  const css = (await transform(readFileSync(join(root, 'src', 'style.css'), 'utf8'), { loader: 'css', minify: true })).code;
  // No network: the policy forbids every fetch, image, font and frame; scripts are inline, the worker a blob.
  const csp = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'";
  return (
    '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="generator" content="dualdraw web/build.mjs">\n' +
    '<title>双随机抽查结果公开验证</title>\n' +
    `<style>${css.trim()}</style>\n</head>\n<body>\n` +
    '<noscript><p style="padding:1rem">本页面需要启用 JavaScript。This page needs JavaScript.</p></noscript>\n' +
    `<script>${main.trim()}</script>\n</body>\n</html>\n`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const html = await buildPage();
  if (process.argv.includes('--check')) {
    let old = '';
    try {
      old = readFileSync(out, 'utf8');
    } catch {}
    if (old !== html) {
      console.error('web/dist/verify.html is not the build of the current sources: run `npm run build` and commit it.');
      process.exit(1);
    }
    console.log(`dist/verify.html is up to date (${Buffer.byteLength(html)} bytes)`);
  } else {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, html);
    console.log(`wrote dist/verify.html (${Buffer.byteLength(html)} bytes)`);
  }
}
