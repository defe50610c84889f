// Records jmeter-fixtures/har/shop.har: a real Chromium (Debian's, driven by playwright-core,
// no browser download) walks the shop like a user, against a server instance of its own.
//   cd jmeter-fixtures/apps/shop && npm install && node record_har.mjs [out.har]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '../../har/shop.har'));

function startServer() {
  return new Promise((ok, fail) => {
    const proc = spawn('python3', [join(here, 'server.py'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => fail(new Error('server did not start in 10 s')), 10000);
    proc.stdout.on('data', (buf) => {
      const m = /LISTENING (\S+)/.exec(buf.toString());
      if (m) { clearTimeout(timer); ok({ proc, url: m[1] }); }
    });
    proc.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const { proc, url } = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'magpie-rec-'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ recordHar: { path: out, content: 'embed' } });
  const page = await context.newPage();
  await page.goto(url + '/');
  await pause(1200);                               // the user reads the home page
  await page.click('#signin');
  await page.waitForSelector('#login');
  await pause(800);
  await page.fill('#username', 'alice');
  await page.fill('#password', 'correct horse');
  await pause(700);
  await Promise.all([page.waitForURL('**/shop'), page.click('#login')]);   // → /callback → /shop
  await page.waitForSelector('#add-tea-sencha');
  await pause(1500);
  await Promise.all([page.waitForURL('**/checkout?*'), page.click('#add-tea-sencha')]);
  await page.waitForSelector('#confirm');
  await pause(1000);
  await Promise.all([page.waitForURL('**/orders/*'), page.click('#confirm')]);
  await page.waitForSelector('#order');
  await context.close();                           // writes the HAR
  const verdicts = await (await fetch(url + '/__fixture/verdicts')).json();
  if (verdicts.rejected !== 0) throw new Error('the recorded journey was rejected: ' + JSON.stringify(verdicts));
  console.log(`recorded ${out}: ${verdicts.requests} journey requests, all accepted`);
} finally {
  await browser.close();
  proc.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
}
