// Speed of a review index (docs/review.md, "Speed"): opens INDEX.html in headless chromium
// five times and prints how long each took until its first page of reports was drawn, and
// what the page's own timing says. A documented command, not a ctest test:
//   node tests/review/index_speed.mjs DIR/index.html
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const index = process.argv[2];
if (!index || !fs.existsSync(index)) {
  console.error('usage: node tests/review/index_speed.mjs DIR/index.html');
  process.exit(2);
}
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgknb-speed-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.XXGKNB_CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await context.newPage();
for (let run = 1; run <= 5; run++) {
  const start = Date.now();
  await page.goto('file://' + path.resolve(index));
  await page.waitForSelector('#index-rows tr');
  const wall = Date.now() - start;
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { domContentLoaded: Math.round(nav.domContentLoadedEventEnd), load: Math.round(nav.loadEventEnd),
             rows: document.querySelectorAll('#index-rows tr').length,
             reports: document.getElementById('count-total').textContent };
  });
  console.log(`run ${run}: ${wall} ms until the first rows were drawn; DOMContentLoaded ${timing.domContentLoaded} ms, ` +
              `load ${timing.load} ms; ${timing.rows} rows shown of ${timing.reports} reports`);
}
const start = Date.now();
await page.selectOption('#filter-status', 'review');
await page.waitForFunction(() => document.getElementById('index-shown').textContent.includes('/ 5000'));
console.log(`filter by status over all reports: ${Date.now() - start} ms`);
await context.close();
fs.rmSync(profile, { recursive: true, force: true });
