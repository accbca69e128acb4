// Browser tests of the review pages (docs/review.md): headless Debian chromium, driven by
// playwright-core, opens the pages `xxgknb review` writes and checks what an auditor sees
// against the report's JSON, that nothing a document holds executes, and that a correction
// typed on a page survives a reload, exports, and lands in the dataset beside the original.
// Run by ctest (tests/CMakeLists.txt) with XXGKNB_CLI and XXGKNB_SOURCE_DIR; exits 77 (a
// skip) when chromium or playwright-core is absent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cli = process.env.XXGKNB_CLI;
const root = process.env.XXGKNB_SOURCE_DIR;
const chromiumPath = process.env.XXGKNB_CHROMIUM || '/usr/bin/chromium';
if (!cli || !root) {
  console.error('XXGKNB_CLI and XXGKNB_SOURCE_DIR must name the built xxgknb and the source tree');
  process.exit(1);
}
if (!fs.existsSync(chromiumPath)) {
  console.log(`skipped: no chromium at ${chromiumPath} (tools/install-deps.sh installs it)`);
  process.exit(77);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('skipped: playwright-core is not installed (npm ci --prefix tests/review)');
  process.exit(77);
}

const corpus = (p) => path.join(root, 'corpus', p);
const wrongSums = corpus('messy/wrong_sums/input.docx');
const filled = corpus('v2021-docx/filled/input.docx');
let work, context, datasetPath, out, ids, wrongJson, injectionPath;

function run(args, options = {}) {
  return spawnSync(cli, args, { encoding: 'utf8', ...options });
}

// The dataset's documents by path: id, status (export's wide JSON Lines).
function documents() {
  const text = execFileSync(cli, ['export', '--db', datasetPath, '--format', 'jsonl'], { encoding: 'utf8' });
  return text.trim().split('\n').map((line) => JSON.parse(line));
}

function fieldValue(values, key) {
  const text = execFileSync(cli, ['export', '--db', datasetPath, '--format', 'jsonl', '--shape', 'long',
                                  '--values', values], { encoding: 'utf8' });
  const row = text.trim().split('\n').map((l) => JSON.parse(l))
    .find((r) => r.document_id === ids.wrong && r.key === key);
  return row.value;
}

// A report whose text tries every way into the page: a script in its title, an image whose
// error handler runs, a closing textarea, a javascript: link, an svg onload beside a cell.
function writeInjection(file) {
  let text = fs.readFileSync(corpus('v2021-text/tab/input.txt'), 'utf8');
  const lines = text.split('\n');
  lines[0] = '<script>window.__pwned=1</script>' + lines[0];
  const overview = lines.findIndex((l) => l.startsWith('（五）监督保障情况'));
  lines.splice(overview + 1, 0,
    '（六）<img src=x onerror="window.__pwned=2">测试。</textarea><script>window.__pwned=3</script>' +
    '<a href="javascript:window.__pwned=4">链接</a>');
  text = lines.join('\n').replace('行政许可\t743\n', '行政许可\t743\n<svg onload=window.__pwned=5>\n');
  fs.writeFileSync(file, text);
}

async function open(file) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('blob:')) problems.push('request: ' + r.url()); });
  await page.goto('file://' + file);
  page.problems = problems;
  return page;
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgknb-review-'));
  datasetPath = path.join(work, 'ds.sqlite');
  out = path.join(work, 'pages');
  injectionPath = path.join(work, 'injection.txt');
  writeInjection(injectionPath);
  const batch = run(['batch', wrongSums, filled, injectionPath, '--db', datasetPath, '--quiet', '--jobs', '1']);
  assert.equal(batch.status, 0, batch.stderr);
  const review = run(['review', '--db', datasetPath, '-o', out]);
  assert.equal(review.status, 0, review.stderr);
  const byPath = Object.fromEntries(documents().map((d) => [d.path, d]));
  ids = { wrong: byPath[wrongSums].document_id, filled: byPath[filled].document_id,
          injection: byPath[injectionPath].document_id };
  wrongJson = JSON.parse(execFileSync(cli, ['extract', wrongSums], { encoding: 'utf8' }));
  context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: chromiumPath, headless: true, acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'] });
  // Every CSP violation is recorded: the pages' own script and style must cause none.
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  });
});

after(async () => {
  if (context) await context.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('the failing cells, the doubtful cells and the check panel are those of the JSON', async () => {
  const page = await open(path.join(out, 'reports', `${ids.wrong}.html`));
  const fields = wrongJson.fields;
  const failing = new Set();
  const failingChecks = wrongJson.checks.filter((c) => c.status === 'fail');
  failingChecks.forEach((c) => c.fields.forEach((k) => failing.add(k)));
  const low = Object.keys(fields).filter((k) => !fields[k].derived && fields[k].confidence < 0.9);
  const dom = await page.evaluate(() => ({
    keys: Array.from(document.querySelectorAll('td.cell[data-key]'), (td) => td.dataset.key),
    failing: Array.from(document.querySelectorAll('td.failing'), (td) => td.dataset.key),
    low: Array.from(document.querySelectorAll('td.low'), (td) => td.dataset.key),
    shown: Object.fromEntries(Array.from(document.querySelectorAll('td.cell[data-key]'),
      (td) => [td.dataset.key, td.querySelector('.v').textContent])),
    // Set by the page's script from the id, the class and the page's shared words.
    unpacked: Object.fromEntries(Array.from(document.querySelectorAll('td.cell[data-key]'),
      (td) => [td.dataset.key, { kind: td.dataset.kind, name: td.dataset.name, causes: td.dataset.causes, tab: td.tabIndex }])),
    reasons: Array.from(document.querySelectorAll('ul.reasons a.field-link'), (a) => a.dataset.key),
    checks: Array.from(document.querySelectorAll('#checks > .check'), (div) => ({
      id: div.dataset.check, lhs: div.querySelector('.lhs').textContent, rhs: div.querySelector('.rhs').textContent,
      diff: div.querySelector('.diff').textContent,
      fields: Array.from(div.querySelectorAll('a.field-link'), (a) => a.dataset.key) })),
    violations: window.__violations,
  }));
  assert.deepEqual([...dom.keys].sort(), Object.keys(fields).sort());
  assert.deepEqual([...dom.failing].sort(), [...failing].sort());
  assert.deepEqual([...dom.low].sort(), low.sort());
  for (const [key, f] of Object.entries(fields)) {
    if (f.kind === 'number') assert.equal(dom.shown[key], String(f.value), key);
    assert.equal(dom.unpacked[key].kind, f.kind, key);
    // A derived subtotal is no cell of the printed template: it is named by its key.
    if (!f.derived) assert.match(dom.unpacked[key].name, /^表[二三四] \S/, key);
    assert.equal(dom.unpacked[key].tab, 0, key);
  }
  // 四、结转下年度继续办理 · 总计 fails E3: its cause is said, and the reasons link it.
  assert.equal(dom.unpacked['t3.carried_forward.total'].name, '表三 四、结转下年度继续办理 · 总计');
  assert.match(dom.unpacked['t3.carried_forward.total'].causes, /校验未通过 \/ named by a failing check/);
  assert.ok(dom.reasons.includes('t3.carried_forward.total'));
  assert.ok(dom.reasons.every((k) => k in fields), dom.reasons.join(' '));
  // wrong_sums: E1 自然人 106 vs 107 and E3 结转下年度 4 vs 5, both the report's arithmetic.
  assert.deepEqual(dom.checks.map((c) => [c.id, c.lhs, c.rhs, c.diff]), [['E1', '106', '107', '-1'], ['E3', '4', '5', '-1']]);
  assert.deepEqual(dom.checks.map((c) => c.fields), failingChecks.map((c) => c.fields));
  assert.deepEqual(dom.violations, []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('nothing a document holds executes: script, onerror, javascript: links, </textarea>', async () => {
  for (const file of [path.join(out, 'reports', `${ids.injection}.html`)]) {
    const page = await open(file);
    await page.waitForTimeout(200);
    const seen = await page.evaluate(() => ({
      pwned: window.__pwned,
      elements: document.querySelectorAll('body img, body svg, body iframe, body object, body embed').length,
      scripts: document.querySelectorAll('script').length,
      links: document.querySelectorAll('a[href^="javascript"]').length,
      textareas: document.querySelectorAll('textarea').length,
      title: document.querySelector('h1').textContent,
      body: document.body.textContent,
      violations: window.__violations,
    }));
    assert.equal(seen.pwned, undefined);
    assert.equal(seen.elements, 0);
    assert.equal(seen.scripts, 3);   // the identity and cell data blocks and the page's own script
    assert.equal(seen.links, 0);
    assert.equal(seen.textareas, 1); // the note of the correction form
    assert.match(seen.title, /^<script>window.__pwned=1<\/script>/);
    assert.ok(seen.body.includes('<img src=x onerror="window.__pwned=2">'));
    assert.ok(seen.body.includes('</textarea><script>window.__pwned=3</script>'));
    assert.deepEqual(seen.violations, []);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
  // The dataset's page shows the source line of a cell (the dataset keeps the text around
  // it): "行政许可\t743", and the svg after it as text.
  const fromDataset = await open(path.join(out, 'reports', `${ids.injection}.html`));
  await fromDataset.click('td[data-key="t2.licensing.decisions"]');
  const line = await fromDataset.evaluate(() => ({
    at: document.querySelector('#detail-context mark').textContent,
    context: document.getElementById('detail-context').textContent,
    svg: document.querySelectorAll('svg').length, pwned: window.__pwned, violations: window.__violations }));
  assert.equal(line.at, '743');
  assert.ok(line.context.includes('行政许可\t743\n<svg onload=window.__pwned=5>'), line.context);
  assert.equal(line.svg, 0);
  assert.equal(line.pwned, undefined);
  assert.deepEqual(line.violations, []);
  assert.deepEqual(fromDataset.problems, []);
  await fromDataset.close();
  // The page of the file itself shows the text around each cell: the svg after 行政许可's
  // value is text there too.
  const pages = path.join(work, 'file-pages');
  const review = run(['review', injectionPath, '-o', pages]);
  assert.equal(review.status, 0, review.stderr);
  const page = await open(path.join(pages, 'injection.txt.html'));
  await page.click('td[data-key="t2.licensing.decisions"]');
  const shown = await page.evaluate(() => ({
    context: document.getElementById('detail-context').textContent,
    svg: document.querySelectorAll('svg').length, pwned: window.__pwned, violations: window.__violations }));
  assert.ok(shown.context.includes('<svg onload=window.__pwned=5>'), shown.context);
  assert.equal(shown.svg, 0);
  assert.equal(shown.pwned, undefined);
  assert.deepEqual(shown.violations, []);
  await page.close();
});

test('a correction survives a reload, exports, and lands in the dataset beside the original', async () => {
  const file = path.join(out, 'reports', `${ids.wrong}.html`);
  const key = 't3.carried_forward.commercial';
  let page = await open(file);
  await page.fill('#reviewer', '审计员甲');
  await page.click(`td[data-key="${key}"]`);
  await page.fill('#corrected-value', '1');
  await page.fill('#corrected-note', '原件为 1');
  await page.click('#correction-save');
  await page.reload();
  const after = await page.evaluate((k) => {
    const td = document.querySelector(`td[data-key="${k}"]`);
    return { corrected: td.classList.contains('corrected'), shown: td.querySelector('.c').textContent,
             original: td.querySelector('.v').textContent, count: document.getElementById('correction-count').textContent,
             reviewer: document.getElementById('reviewer').value };
  }, key);
  assert.deepEqual(after, { corrected: true, shown: '1', original: '2', count: '1 项更正 / corrections', reviewer: '审计员甲' });

  // Keyboard: n from nowhere goes to the first flagged cell, n again to the second, p back.
  await page.evaluate(() => document.activeElement.blur());
  const flagged = await page.evaluate(() => Array.from(document.querySelectorAll('td.flagged'), (td) => td.dataset.key));
  assert.ok(flagged.length >= 2);
  const focused = () => page.evaluate(() => document.activeElement.dataset.key);
  await page.keyboard.press('Escape');
  await page.keyboard.press('n');
  assert.equal(await focused(), flagged[0]);
  await page.keyboard.press('n');
  assert.equal(await focused(), flagged[1]);
  await page.keyboard.press('p');
  assert.equal(await focused(), flagged[0]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const exported = path.join(work, 'corrections.json');
  await download.saveAs(exported);
  const corrections = JSON.parse(fs.readFileSync(exported, 'utf8'));
  assert.equal(corrections.schema, 'xxgknb.corrections/1');
  assert.equal(corrections.reports.length, 1);
  assert.equal(corrections.reports[0].sha256, wrongJson.source.sha256);
  const [c] = corrections.reports[0].corrections;
  assert.deepEqual([c.key, c.extracted, c.corrected, c.note, c.who], [key, '2', '1', '原件为 1', '审计员甲']);
  await page.close();

  const apply = run(['apply-corrections', exported, '--db', datasetPath]);
  assert.equal(apply.status, 0, apply.stderr);
  // 结转下年度: 总计 4 = 1 + 1 + 1 + 1 + 0 + 0 now (E3 passes); 商业企业列: 新收 5 + 结转 0 = 5,
  // but 总计 3 + 结转下年度 1 = 4 (E1 now fails there, as well as in 自然人).
  assert.match(apply.stdout, /1 corrections applied/);
  assert.match(apply.stdout, /failing checks before E1 E3, after the corrections E1\n/);
  assert.equal(fieldValue('extracted', key), 2);
  assert.equal(fieldValue('corrected', key), 1);
  const again = run(['apply-corrections', exported, '--db', datasetPath]);
  assert.match(again.stdout, /0 corrections applied, 1 already in the dataset/);
});

test('pages made again from the dataset show the corrections applied and the checks run again', async () => {
  const again = path.join(work, 'pages-corrected');
  const review = run(['review', '--db', datasetPath, '-o', again]);
  assert.equal(review.status, 0, review.stderr);
  const key = 't3.carried_forward.commercial';
  const page = await open(path.join(again, 'reports', `${ids.wrong}.html`));
  await page.click(`td[data-key="${key}"]`);
  const seen = await page.evaluate((k) => {
    const td = document.querySelector(`td[data-key="${k}"]`);
    const facts = Array.from(document.querySelectorAll('#detail-facts dt'), (dt) => [dt.textContent, dt.nextSibling.textContent]);
    return {
      applied: td.classList.contains('applied'), original: td.querySelector('.v').textContent,
      struck: td.querySelector('.v').classList.contains('struck'), corrected: td.querySelector('.a').textContent,
      list: Array.from(document.querySelectorAll('#applied li'), (li) => li.textContent),
      facts: Object.fromEntries(facts),
      changed: Array.from(document.querySelectorAll('#corrected-checks tr.changed'),
        (tr) => Array.from(tr.children, (td) => td.textContent.split(' / ')[1] || td.textContent)),
      failingAfter: Array.from(document.querySelectorAll('#corrected-checks > .check'), (d) => d.dataset.check),
      failingBefore: Array.from(document.querySelectorAll('#checks > .check'), (d) => d.dataset.check),
      violations: window.__violations };
  }, key);
  assert.equal(seen.applied, true);
  assert.deepEqual([seen.original, seen.struck, seen.corrected], ['2', true, '1']);
  assert.equal(seen.list.length, 1);
  assert.match(seen.list[0], /^表三 四、结转下年度继续办理 · 商业企业：2 → 1 · 审计员甲 · \d{4}-\d\d-\d\dT[0-9:.]+Z · 原件为 1$/);
  assert.equal(seen.facts['已入库的更正 / corrected in the dataset'], '2 → 1');
  assert.equal(seen.facts['理由 / why'], '原件为 1');
  assert.match(seen.facts['更正人 / by'], /^审计员甲 · /);
  // The checks on the corrected values beside the extracted ones: E3 passes now, E1 fails
  // in 商业企业 too (新收 5 + 结转 0 = 5, but 总计 3 + 结转下年度 1 = 4).
  assert.deepEqual(seen.changed, [['E1', 'commercial', 'pass', 'fail'], ['E3', 'carried_forward', 'fail', 'pass']]);
  assert.deepEqual(seen.failingBefore, ['E1', 'E3']);
  assert.deepEqual(seen.failingAfter, ['E1', 'E1']);
  assert.deepEqual(seen.violations, []);
  assert.deepEqual(page.problems, []);
  await page.close();
  // The index made again counts the report with a correction in the dataset, on its row.
  const index = await open(path.join(again, 'index.html'));
  const listed = await index.evaluate((href) => ({
    corrected: document.getElementById('count-corrected').textContent,
    row: Array.from(document.querySelector(`#index-rows a[href="${href}"]`).closest('tr').children, (td) => td.textContent),
    heads: Array.from(document.querySelectorAll('table.index th'), (th) => th.textContent) }), `reports/${ids.wrong}.html`);
  assert.equal(listed.corrected, '1');
  assert.equal(listed.row[listed.heads.indexOf('已入库更正 / corrections')], '1');
  assert.deepEqual(index.problems, []);
  await index.close();
});

test('a PDF cell\'s box is drawn on its own page, landscape here', async (t) => {
  const pdf = path.join(work, 'landscape.pdf');
  const made = spawnSync('python3', ['-c', [
    'import sys', `sys.path.insert(0, ${JSON.stringify(path.join(root, 'tests/regression'))})`,
    'import make_pdf_cases as m', 'm.PAGE_W, m.PAGE_H = 842, 595',
    "page = [(100, 60, 12, '青河县人民政府2024年政府信息公开工作年度报告'), (60, 100, 10, '三、收到和处理政府信息公开申请情况')]",
    'page += m.header(130)',
    "page += m.row(200, '一、本年新收政府信息公开申请数量', '20 1 0 0 0 0 21')",
    "page += m.row(222, '二、上年结转政府信息公开申请数量', '2 0 0 0 0 0 2')",
    `m.write_pdf(${JSON.stringify(pdf)}, [page])`].join('\n')], { encoding: 'utf8' });
  if (made.error || made.status !== 0) { t.skip('python3 cannot write the PDF: ' + (made.stderr || made.error)); return; }
  const pages = path.join(work, 'pdf-pages');
  const review = run(['review', pdf, '-o', pages]);
  if (/unsupported_format/.test(review.stderr + fs.readFileSync(path.join(pages, 'landscape.pdf.html'), 'utf8'))) {
    t.skip('this build reads no PDF'); return;
  }
  assert.equal(review.status, 0, review.stderr);
  const page = await open(path.join(pages, 'landscape.pdf.html'));
  await page.click('td[data-key="t3.new_received.natural_person"]');
  const seen = await page.evaluate(() => {
    const el = document.getElementById('detail-page');
    const frame = el.getBoundingClientRect();
    const box = document.querySelector('#detail-page .box').getBoundingClientRect();
    return { width: el.clientWidth, height: el.clientHeight,
             left: box.left - frame.left - el.clientLeft, top: box.top - frame.top - el.clientTop,
             source: JSON.parse(document.querySelector('td[data-key="t3.new_received.natural_person"]').dataset.source) };
  });
  // "20" was placed at x 300, 200 pt from the top of an 842 × 595 page: 35.6% across and
  // 33.6% down its frame (an A4 frame would put it at 50.4% across and 23.8% down).
  const frameWidth = seen.width, frameHeight = seen.height;   // inside its border
  assert.ok(Math.abs(frameHeight / frameWidth - 595 / 842) < 0.02, `${seen.width} × ${seen.height}`);
  assert.ok(Math.abs(seen.left / frameWidth - 300 / 842) < 0.01, JSON.stringify(seen));
  assert.ok(seen.source.box[1] < 200 && seen.source.box[3] > 195, JSON.stringify(seen.source));
  assert.ok(Math.abs(seen.top / frameHeight - seen.source.box[1] / 595) < 0.01, JSON.stringify(seen));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the index counts the reports, lists those needing review first, and filters', async () => {
  const page = await open(path.join(out, 'index.html'));
  const docs = documents();
  const statuses = docs.map((d) => d.status);
  const count = (s) => statuses.filter((x) => x === s).length;
  const top = await page.evaluate(() => ({
    total: document.getElementById('count-total').textContent,
    review: document.getElementById('count-review').textContent,
    ok: document.getElementById('count-ok').textContent,
    rows: Array.from(document.querySelectorAll('#index-rows tr'), (tr) => tr.firstChild.textContent),
    hrefs: Array.from(document.querySelectorAll('#index-rows a'), (a) => a.getAttribute('href')),
  }));
  assert.deepEqual([top.total, top.review, top.ok], [String(docs.length), String(count('review')), String(count('ok'))]);
  assert.equal(top.rows[0], 'review');
  assert.deepEqual([...top.rows].sort((a, b) => (a === 'review' ? -1 : b === 'review' ? 1 : 0)), top.rows);
  for (const href of top.hrefs) assert.ok(fs.existsSync(path.join(out, href)), href);
  // The index exports the corrections kept for every report: the one made above.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-all')]);
  const all = path.join(work, 'all-corrections.json');
  await download.saveAs(all);
  const exported = JSON.parse(fs.readFileSync(all, 'utf8'));
  assert.deepEqual(exported.reports.map((r) => [r.sha256, r.corrections.map((c) => [c.key, c.corrected])]),
                   [[wrongJson.source.sha256, [['t3.carried_forward.commercial', '1']]]]);
  await page.selectOption('#filter-status', 'ok');
  assert.equal(await page.locator('#index-rows tr').count(), count('ok'));
  await page.selectOption('#filter-status', '');
  await page.selectOption('#filter-check', 'E3');
  assert.equal(await page.locator('#index-rows tr').count(), 1);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a pre-2019 report\'s old table shows its values, those read from sentences marked', async () => {
  // prose_only/input.txt has no table rows: "全年共受理政府信息公开申请48件", "减免费用0.02万元".
  const legacy = path.join(work, 'legacy');
  const review = run(['review', corpus('legacy-text/prose_only/input.txt'), '-o', legacy]);
  assert.equal(review.status, 0, review.stderr);
  const page = await open(path.join(legacy, 'input.txt.html'));
  await page.click('#cell-legacy\\.requests\\.total');
  const dom = await page.evaluate(() => ({
    shown: document.querySelector('#cell-legacy\\.fees\\.waived_yuan').textContent,
    prose: Array.from(document.querySelectorAll('#table-legacy td.prose'), (td) => td.dataset.key),
    facts: Array.from(document.querySelectorAll('#detail-facts dd'), (dd) => dd.textContent),
    violations: window.__violations,
  }));
  assert.equal(dom.shown, '200文万元→元');
  assert.ok(dom.prose.includes('legacy.requests.total') && dom.prose.includes('legacy.fees.waived_yuan'), dom.prose);
  assert.ok(dom.facts.includes('48'), dom.facts);
  assert.ok(dom.facts.includes('prose'), dom.facts);
  assert.ok(dom.facts.some((f) => f.includes('全年共受理政府信息公开申请48件')), dom.facts);
  assert.deepEqual(dom.violations, []);
  assert.deepEqual(page.problems, []);
  await page.close();
});
