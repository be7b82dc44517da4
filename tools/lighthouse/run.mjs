// Lighthouse over every page of a built site, as a visitor finds it fresh (the consent banner shows) and after
// "Avvis alle" (the consent cookie holds a refusal of everything). Serves the folder the way Netlify does (pretty
// URLs, 404.html, the headers in _headers), runs Lighthouse 12 (pinned in package-lock.json) in Chrome through
// puppeteer-core, writes one HTML report per page and state plus index.html and summary.json, and exits 1 unless
// every category scores 100 (SEO counted on indexable pages only; a noindex page is left out of SEO on purpose).
//
//   node tools/lighthouse/run.mjs [output] [lighthouse-report]     (CHROME_PATH: the browser, default google-chrome)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import crypto from 'node:crypto';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const root = path.resolve(process.argv[2] ?? 'output');
const reportDir = path.resolve(process.argv[3] ?? 'lighthouse-report');
const chrome = process.env.CHROME_PATH ?? ['/usr/bin/google-chrome', '/usr/bin/chromium'].find(p => fs.existsSync(p));
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
};

// _headers: a path pattern on its own line, then indented "Name: value" lines.
const rules = [];
if (fs.existsSync(path.join(root, '_headers'))) {
  for (const line of fs.readFileSync(path.join(root, '_headers'), 'utf8').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else if (rules.length) {
      const i = line.indexOf(':');
      rules.at(-1).headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
}
const matches = (pattern, url) => pattern.endsWith('*') ? url.startsWith(pattern.slice(0, -1)) : pattern === url;

const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.join(root, url);
  if (!file.startsWith(root)) file = root;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  let status = 200;
  if (!fs.existsSync(file) || path.basename(file) === '_headers') {
    file = path.join(root, '404.html');
    status = 404;
  }
  const headers = { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' };
  for (const rule of rules) if (matches(rule.pattern, url)) for (const [k, v] of rule.headers) headers[k] = v;
  res.writeHead(status, headers);
  res.end(fs.readFileSync(file));
});
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const pages = fs.readdirSync(root, { recursive: true })
  .filter(f => f.endsWith('.html') && !f.startsWith('assets'))
  .map(f => '/' + f.split(path.sep).join('/').replace(/(^|\/)index\.html$/, '$1'))
  .sort();

// The refusal the consent script would store: every category false, for the published declaration's revision.
const configFile = fs.readdirSync(path.join(root, 'assets')).find(f => /^consent-config\..*\.json$/.test(f));
const config = configFile && JSON.parse(fs.readFileSync(path.join(root, 'assets', configFile), 'utf8'));
const refusal = config && {
  name: config.cookie.name,
  value: encodeURIComponent(JSON.stringify({
    id: crypto.randomBytes(16).toString('hex'), ts: Date.now(), rev: config.revision,
    c: Object.fromEntries(config.categories.filter(c => !c.necessary).map(c => [c.id, false])),
  })),
};

const states = refusal ? ['fresh', 'rejected'] : ['fresh'];
fs.mkdirSync(reportDir, { recursive: true });
const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: ['--no-sandbox'] });
const results = [];
try {
  for (const state of states) {
    fs.mkdirSync(path.join(reportDir, state), { recursive: true });
    for (const page of pages) {
      // A shared CI machine makes the simulated performance score wobble: a page below 100 gets up to two more runs,
      // and every run is printed.
      let result;
      for (let attempt = 1; attempt <= 3 && !(result && result.failed.length === 0); attempt++) {
        const tab = await browser.newPage();
        if (state === 'rejected') await tab.setCookie({ ...refusal, url: origin, sameSite: 'Lax' });
        const run = await lighthouse(origin + page, {
          output: 'html', onlyCategories: categories, disableStorageReset: state === 'rejected', logLevel: 'error',
        }, undefined, tab);
        await tab.close();
        const lhr = run.lhr;
        const indexable = lhr.audits['is-crawlable']?.score !== 0;
        const scores = Object.fromEntries(categories.map(c => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
        const counted = categories.filter(c => c !== 'seo' || indexable);
        const failed = counted.filter(c => scores[c] < 100);
        const file = `${state}/${page === '/' ? 'index' : page.replace(/^\/|\/$/g, '').replace(/[/.]/g, '-')}.html`;
        fs.writeFileSync(path.join(reportDir, file), run.report);
        result = { page, state, indexable, scores, failed, report: file, attempts: attempt, error: lhr.runtimeError?.message };
        console.log(`${failed.length ? 'FAIL' : 'ok  '} ${page} [${state}] ${categories.map(c => `${c} ${scores[c]}`).join(', ')}` +
          `${indexable ? '' : ' (noindex: SEO not counted)'}${attempt > 1 ? ` (run ${attempt})` : ''}${result.error ? ' ' + result.error : ''}`);
      }
      results.push(result);
    }
  }
} finally {
  await browser.close();
  server.close();
}

fs.writeFileSync(path.join(reportDir, 'summary.json'), JSON.stringify({ lighthouse: '12.2.3', results }, null, 2));
const rows = results.map(r => `<tr><td><a href="${r.report}">${r.page}</a></td><td>${r.state}</td>${categories.map(c =>
  `<td>${r.scores[c]}${c === 'seo' && !r.indexable ? ' (noindex)' : ''}</td>`).join('')}<td>${r.failed.length ? 'under 100: ' + r.failed.join(', ') : 'ok'}</td></tr>`).join('\n');
fs.writeFileSync(path.join(reportDir, 'index.html'), `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Lighthouse</title>
<h1>Lighthouse 12.2.3, every page, fresh and rejected</h1><table><tr><th>page</th><th>state</th>${categories.map(c => `<th>${c}</th>`).join('')}<th></th></tr>
${rows}</table></html>\n`);

const failures = results.filter(r => r.failed.length);
console.log(`${results.length - failures.length} passed, ${failures.length} failed (Lighthouse 100 in every counted category)`);
process.exit(failures.length ? 1 : 0);
