// Records jmeter-fixtures/har/shop.har: a real Chromium (Debian's, driven by playwright-core,
// no browser download) walks the shop like a user, against a server instance of its own.
//   cd jmeter-fixtures/apps/shop && npm install && node record_har.mjs [out.har]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '../../har/shop.har'));

function startServer() {
  return new Promise((ok, fail) => {
    // Its own process group, so stopServer() also reaches python behind a wrapper (e.g. a pyenv shim).
    const proc = spawn(process.env.PYTHON ?? 'python3', [join(here, 'server.py'), '--port', '0'],
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    const timer = setTimeout(() => fail(new Error('server did not start in 10 s')), 10000);
    proc.stdout.on('data', (buf) => {
      const m = /LISTENING (\S+)/.exec(buf.toString());
      if (m) { clearTimeout(timer); ok({ proc, url: m[1] }); }
    });
    proc.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
}

function stopServer(proc) {
  try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const { proc, url } = await startServer();
const watchdog = setTimeout(() => {                // bounded: never hang a CI job
  console.error('record_har: gave up after 120 s');
  stopServer(proc);
  process.exit(1);
}, 120000);
// launch() gives Chromium a fresh temporary user-data-dir of its own (no cache, no cookies).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ recordHar: { path: out, content: 'embed' } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await page.goto(url + '/');
  await pause(1200);                               // the user reads the home page
  await Promise.all([page.waitForURL('**/login'), page.click('#signin')]);
  await page.waitForSelector('#login');
  await pause(800);
  await page.fill('#username', 'alice');
  await page.fill('#password', 'correct horse');
  await pause(700);
  // POST /login → 303 → /callback, whose script exchanges the code for the API token.
  await Promise.all([page.waitForURL('**/callback?*'), page.click('#login')]);
  await page.waitForSelector('#continue', { state: 'visible' });
  await pause(900);
  await Promise.all([page.waitForURL('**/shop'), page.click('#continue')]);
  await page.waitForSelector('#add-tea-sencha');
  await pause(1500);
  await page.click('#add-tea-sencha');             // fetch: create the cart, add the item
  await page.waitForSelector('#checkout', { state: 'visible' });
  await pause(1000);
  await Promise.all([page.waitForURL('**/checkout?*'), page.click('#checkout')]);
  await page.waitForSelector('#confirm');
  await pause(1000);
  await Promise.all([page.waitForURL('**/orders/*'), page.click('#confirm')]);   // 303 → /orders/<id>
  await page.waitForSelector('#order');
  await pause(500);
  await context.close();                           // writes the HAR
  const verdicts = await (await fetch(url + '/__fixture/verdicts')).json();
  if (verdicts.requests === 0 || verdicts.rejected !== 0) {
    throw new Error('the recorded journey was rejected: ' + JSON.stringify(verdicts));
  }
  // The HAR must carry every response body (correlation searches them).
  const har = JSON.parse(readFileSync(out, 'utf8'));
  const missing = har.log.entries.filter((e) => e.response.status < 300 && !e.response.content.text)
    .map((e) => `${e.request.method} ${e.request.url}`);
  if (missing.length) throw new Error('HAR entries without a response body: ' + missing.join(', '));
  console.log(`recorded ${out}: ${har.log.entries.length} entries, ${verdicts.requests} journey requests, all accepted`);
} finally {
  clearTimeout(watchdog);
  await browser.close();
  stopServer(proc);
}
