// The screenshots of docs/review.md and the README: the seed report, a report with failing
// checks (its table 三 with a cell's panel open, and with a correction applied to the dataset)
// and a dataset's index, written by
// `xxgknb review` and photographed in headless chromium. A documented command:
//   node tests/review/screenshots.mjs build/xxgknb docs/
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [cli, docs] = process.argv.slice(2);
if (!cli || !docs) {
  console.error('usage: node tests/review/screenshots.mjs XXGKNB_BINARY DOCS_DIR');
  process.exit(2);
}
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgknb-shots-'));
const inputs = ['v2021-docx/filled/input.docx', 'messy/wrong_sums/input.docx', 'v2019-docx/filled/input.docx',
                'v2021-text/tika/input.txt', 'v2021-text/pipe/input.txt', 'messy/dashes/input.txt']
  .map((p) => path.join('corpus', p));
execFileSync(cli, ['batch', ...inputs, '--db', path.join(work, 'ds.sqlite'), '--quiet', '--jobs', '1'], { cwd: root });
// One correction applied to wrong_sums (document 2), so that its page shows a corrected cell
// and the checks run again.
const wide = execFileSync(cli, ['export', '--db', path.join(work, 'ds.sqlite'), '--format', 'jsonl'], { encoding: 'utf8' });
const wrong = wide.trim().split('\n').map((l) => JSON.parse(l)).find((d) => d.document_id === 2);
fs.writeFileSync(path.join(work, 'corrections.json'), JSON.stringify({
  schema: 'xxgknb.corrections/1',
  reports: [{ sha256: wrong.sha256, path: wrong.path, corrections: [{
    key: 't3.carried_forward.commercial', extracted: '2', corrected: '1', note: '原件为 1',
    who: '审计员甲', when: '2026-12-01T15:40:02.113Z' }] }] }));
execFileSync(cli, ['apply-corrections', path.join(work, 'corrections.json'), '--db', path.join(work, 'ds.sqlite')]);
execFileSync(cli, ['review', '--db', path.join(work, 'ds.sqlite'), '-o', path.join(work, 'pages')]);
const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
  executablePath: process.env.XXGKNB_CHROMIUM || '/usr/bin/chromium', headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await context.newPage();
const pages = path.join(work, 'pages');
await page.goto('file://' + path.join(pages, 'reports', '1.html'));
await page.locator('#table-t3').scrollIntoViewIfNeeded();
await page.screenshot({ path: path.join(docs, 'review-seed.png') });
await page.goto('file://' + path.join(pages, 'reports', '2.html'));
await page.screenshot({ path: path.join(docs, 'review-failing-checks.png') });
await page.click('td[data-key="t3.carried_forward.total"]');
await page.evaluate(() => document.querySelector('td[data-key="t3.carried_forward.total"]').scrollIntoView({ block: 'center' }));
await page.screenshot({ path: path.join(docs, 'review-cell.png') });
await page.click('td[data-key="t3.carried_forward.commercial"]');
await page.locator('#corrected-checks').scrollIntoViewIfNeeded();
await page.screenshot({ path: path.join(docs, 'review-corrected.png') });
await page.goto('file://' + path.join(pages, 'index.html'));
await page.screenshot({ path: path.join(docs, 'review-index.png') });
await context.close();
fs.rmSync(work, { recursive: true, force: true });
