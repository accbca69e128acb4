// Review pages: the inline stylesheet and scripts (assets.h). The scripts put text into the
// page only through textContent and attribute setters, never as markup.
#include "review/assets.h"

namespace xxgknb::review {

const char* const kPageStyle = R"css(
body{font:14px/1.5 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 1.5em 4em;color:#1d1d1f;background:#fafafa}
header h1{font-size:1.4em;margin:.6em 0 .2em}
.facts,.counts{margin:.2em 0;color:#444}
.badge{display:inline-block;padding:0 .5em;border-radius:3px;font-weight:600}
.badge.review{background:#ffe2b3;color:#7a4100}.badge.ok{background:#d4f5d4;color:#145214}
.toolbar{position:sticky;top:0;background:#fafafa;border-bottom:1px solid #ddd;padding:.4em 0;z-index:2;display:flex;gap:1em;align-items:center;flex-wrap:wrap}
.toolbar .keys{color:#666;font-size:.9em}
h2{font-size:1.15em;margin:1.2em 0 .4em;border-bottom:1px solid #ccc}
h3{font-size:1em;margin:.8em 0 .3em}
table.template{border-collapse:collapse;background:#fff;font-size:13px}
table.template th,table.template td{border:1px solid #999;padding:2px 6px}
table.template th{background:#f0f0f0;font-weight:500}
table.template th.label{text-align:left;min-width:8em}
th.group{writing-mode:vertical-rl;padding:4px 2px}
body.panel-open{margin-right:27em}
td.cell{text-align:right;min-width:3.2em;cursor:pointer;position:relative}
td.cell:focus{outline:3px solid #0a64d8;outline-offset:-2px}
td.kind-blank .v::after{content:"空";color:#bbb;font-size:.85em}
td.kind-blank{background:#f7f7f7}
td.kind-dash{background:#eef3f8;color:#456}
td.kind-text_zero{background:#eef8f1;color:#2a6a3a}
td.kind-missing{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f3e3e3 4px,#f3e3e3 8px)}
td.kind-missing .v::after{content:"?";color:#a33}
td.kind-text{background:#fff4e0}
td.inferred{font-style:italic;color:#6a3d9a}
td.derived{color:#777;background:#f4f4fb}
td.low{box-shadow:inset 0 0 0 2px #f0a020}
td.failing{background:#ffd7d7}
td.failing.low{box-shadow:inset 0 0 0 2px #d02020}
td.absent{background:#eee}
td.corrected{background:#d8f0ff}
td.applied{background:#e0f5e8}
td .a,ul.applied .a{font-weight:700;color:#1a7a3a}
ul.applied .struck{text-decoration:line-through;color:#999}
tr.changed td.status-fail{color:#b00;font-weight:600}tr.changed td.status-pass{color:#1a7a3a;font-weight:600}
td .struck{text-decoration:line-through;color:#999;margin-right:.3em}
td .c{font-weight:700;color:#0050a0}
td.prose{background:#fdf6d8}
td .m,.legend .m{font-size:.7em;color:#8a5a00;margin-left:.25em;vertical-align:super}
td .m-wan{color:#1a5a8a}
td.hl{outline:3px dashed #d02020;outline-offset:-3px}
.legend .sample{display:inline-block;border:1px solid #999;padding:0 .4em;margin:0 .3em .3em 0;cursor:default}
.check{background:#fff;border:1px solid #ddd;border-left:4px solid #999;margin:.4em 0;padding:.3em .8em}
.check.status-fail{border-left-color:#d02020}
.check.status-pass{border-left-color:#2a8a2a}
.check h4{margin:.2em 0}
.check dl{display:grid;grid-template-columns:max-content 1fr;gap:0 1em;margin:.3em 0}
.check dt{color:#666}.check dd{margin:0}
.check .fields a{margin-right:.8em}
ul.reasons li{margin:.15em 0}
.candidates{color:#7a4100;font-size:.9em}
.section p{margin:.3em 0;max-width:60em}
mark.w4{background:#d4f5d4;padding:0 2px}
mark.w4.status-fail{background:#ffc0c0}
mark.w4.status-not_assessable{background:#eee}
aside#detail{position:fixed;right:1em;top:4em;width:24em;max-height:85vh;overflow:auto;background:#fff;border:1px solid #888;box-shadow:0 4px 16px rgba(0,0,0,.2);padding:.6em 1em;z-index:3}
aside#detail dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .8em;font-size:.9em}
aside#detail dd{margin:0;word-break:break-all}
#detail-close{float:right}
.context{background:#f6f6f6;padding:.3em;font-size:.9em;white-space:pre-wrap;word-break:break-all}
.context mark{background:#ffe066}
.page-frame{position:relative;width:180px;height:254px;border:1px solid #666;background:#fff;margin:.4em 0}
.page-frame .box{position:absolute;background:rgba(255,80,0,.35);border:1px solid #d02020;min-width:2px;min-height:2px}
.correction label{display:block;margin:.3em 0}
.correction input,.correction textarea{width:100%;box-sizing:border-box}
.error{color:#b00}
table.index{border-collapse:collapse;background:#fff;width:100%}
table.index th,table.index td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left}
.filters{display:flex;gap:.8em;flex-wrap:wrap;margin:.6em 0}
.status-review{color:#7a4100;font-weight:600}.status-error{color:#b00;font-weight:600}
.pager{margin:.6em 0;display:flex;gap:1em;align-items:center}
)css";

const char* const kReportScript = R"js(
'use strict';
(function () {
  const identity = JSON.parse(document.getElementById('report-identity').textContent);
  const reviewer = document.getElementById('reviewer');
  if (!reviewer) return;
  // What the cells share, written once (report_page.cpp, PageData), set back on each cell:
  // its key from its id, its kind from its class, its name, causes and source text.
  const shared = JSON.parse(document.getElementById('cell-data').textContent);
  const words = function (list) { return list.split(' ').map(function (i) { return shared.words[Number(i)]; }); };
  document.querySelectorAll('td.cell[id^="cell-"]').forEach(function (td) {
    const d = td.dataset;
    d.key = td.id.slice(5);
    td.tabIndex = 0;
    const kind = Array.from(td.classList).find(function (c) { return c.startsWith('kind-'); });
    d.kind = kind ? kind.slice(5) : 'missing';
    const name = words(d.n);
    d.name = name[0] + (name.length > 1 ? ' ' + name[1] : '') + (name.length > 2 ? ' · ' + name[2] : '');
    if (d.c) d.causes = words(d.c).join('；');
    if (d.x) {
      const x = d.x.split(' ').map(Number);
      const text = shared.texts[x[0]];
      d.before = text.substr(x[1], x[2]);
      d.after = text.substr(x[1] + x[2] + x[3], x[4]);
    }
  });
  document.querySelectorAll('a.field-link').forEach(function (a) {
    const href = a.getAttribute('href');
    if (href.startsWith('#cell-')) a.dataset.key = href.slice(6);
  });
  const storeKey = 'xxgknb.corrections.' + (identity.sha256 || identity.path);
  function load() {
    try {
      const stored = JSON.parse(localStorage.getItem(storeKey) || 'null');
      if (stored && typeof stored.corrections === 'object') return stored;
    } catch (e) {
      console.error('xxgknb: stored corrections unreadable, starting empty', e);
    }
    return {sha256: identity.sha256, path: identity.path, corrections: {}};
  }
  const store = load();
  function save() { localStorage.setItem(storeKey, JSON.stringify(store)); }
  reviewer.value = localStorage.getItem('xxgknb.reviewer') || '';
  reviewer.addEventListener('input', function () { localStorage.setItem('xxgknb.reviewer', reviewer.value); });

  const cells = Array.from(document.querySelectorAll('td.cell[data-key]'));
  const byKey = new Map(cells.map(function (td) { return [td.dataset.key, td]; }));
  const flagged = cells.filter(function (td) { return td.classList.contains('flagged'); });
  const panel = document.getElementById('detail');
  const valueInput = document.getElementById('corrected-value');
  const noteInput = document.getElementById('corrected-note');
  const problem = document.getElementById('correction-error');
  let current = null;

  function showCorrection(td) {
    const c = store.corrections[td.dataset.key];
    const v = td.querySelector('.v');
    let tag = td.querySelector('.c');
    td.classList.toggle('corrected', !!c);
    v.classList.toggle('struck', !!c || td.dataset.appliedValue !== undefined);
    if (!c) { if (tag) tag.remove(); return; }
    if (!tag) { tag = document.createElement('span'); tag.className = 'c'; td.appendChild(tag); }
    tag.textContent = c.corrected === null ? '（空）' : c.corrected;
  }
  function showCount() {
    const n = Object.keys(store.corrections).length;
    document.getElementById('correction-count').textContent = n + ' 项更正 / corrections';
  }
  // "表 0 / table 0 · 行 3 / row 3 · …" from a cell's source object.
  const placeWords = [['table', '表'], ['row', '行'], ['col', '列'], ['line', '文本行'], ['offset', '偏移'],
                      ['page', '页'], ['box', '框']];
  function place(td) {
    if (!td.dataset.source) return '来源未知 / source not known';
    const s = JSON.parse(td.dataset.source);
    return placeWords.filter(function (w) { return s[w[0]] !== undefined; })
      .map(function (w) { return w[1] + ' / ' + w[0] + ' ' + (Array.isArray(s[w[0]]) ? s[w[0]].join(', ') : s[w[0]]); })
      .join(' · ');
  }
  function fact(dl, term, value) {
    const dt = document.createElement('dt'); dt.textContent = term;
    const dd = document.createElement('dd'); dd.textContent = value;
    dl.append(dt, dd);
  }
  function open(td) {
    current = td;
    panel.hidden = false;
    document.body.classList.add('panel-open');
    const d = td.dataset;
    document.getElementById('detail-name').textContent = d.name + ' (' + d.key + ')';
    const dl = document.getElementById('detail-facts');
    dl.replaceChildren();
    fact(dl, '值 / value', d.value === '' ? '—' : d.value);
    fact(dl, '原文 / raw', d.raw === undefined ? '（未找到 / not found）' : d.raw);
    fact(dl, '类型 / kind', d.kind);
    fact(dl, '置信度 / confidence', d.confidence);
    fact(dl, '标记 / flags', d.flags || '—');
    if (d.causes) fact(dl, '原因 / cause', d.causes);
    if (d.unit) fact(dl, '单位 / unit printed', d.unit);
    fact(dl, '来源 / source', place(td));
    if (d.sentence !== undefined) fact(dl, '句子 / sentence', d.sentence);
    if (d.appliedValue !== undefined) {
      fact(dl, '已入库的更正 / corrected in the dataset',
           (d.appliedExtracted === '' ? '（空）' : d.appliedExtracted) + ' → ' + (d.appliedValue === '' ? '（空）' : d.appliedValue));
      fact(dl, '更正人 / by', d.appliedWho + ' · ' + d.appliedWhen);
      fact(dl, '理由 / why', d.appliedNote);
    }
    const ctx = document.getElementById('detail-context');
    ctx.replaceChildren();
    if (d.at !== undefined) {
      const mark = document.createElement('mark'); mark.textContent = d.at;
      ctx.append(document.createTextNode(d.before || ''), mark, document.createTextNode(d.after || ''));
      ctx.hidden = false;
    } else {
      ctx.hidden = true;
    }
    const frame = document.getElementById('detail-page');
    frame.replaceChildren();
    const source = d.source ? JSON.parse(d.source) : {};
    frame.hidden = !Array.isArray(source.box);
    if (Array.isArray(source.box)) {
      // The page region on its page (its size in points, y from the top; an A4 page when the
      // size is not known), the frame 180 px wide and as high as the page's proportions say.
      const size = (d.pageSize || '').split(' ').map(Number);
      const known = size.length === 2 && size[0] > 0 && size[1] > 0;
      const w = known ? size[0] : 595, h = known ? size[1] : 842;
      const b = source.box;
      frame.style.height = Math.round(180 * h / w) + 'px';
      const box = document.createElement('div'); box.className = 'box';
      box.style.left = (100 * b[0] / w) + '%'; box.style.top = (100 * b[1] / h) + '%';
      box.style.width = (100 * (b[2] - b[0]) / w) + '%'; box.style.height = (100 * (b[3] - b[1]) / h) + '%';
      frame.title = '第 ' + source.page + ' 页 / page ' + source.page + ' (' + w + ' × ' + h + ' pt' +
        (known ? '' : ', A4 assumed') + ')';
      frame.append(box);
    }
    const c = store.corrections[d.key];
    valueInput.value = c ? (c.corrected === null ? '' : c.corrected) : '';
    noteInput.value = c ? c.note : '';
    problem.textContent = '';
    td.focus();
  }
  function close() {
    panel.hidden = true;
    document.body.classList.remove('panel-open');
    if (current) current.focus();
  }
  const decimal = /^[+-]?[0-9]+(\.[0-9]+)?$/;
  document.getElementById('correction-save').addEventListener('click', function () {
    if (!current) return;
    const value = valueInput.value.trim();
    const note = noteInput.value.trim();
    if (value !== '' && !decimal.test(value)) { problem.textContent = '更正值须为数字，或留空表示空白 / a number, or empty for a blank cell'; return; }
    if (note === '') { problem.textContent = '请写明理由 / say why in the note'; return; }
    if (reviewer.value.trim() === '') { problem.textContent = '请填写复核人 / fill in the reviewer'; reviewer.focus(); return; }
    store.corrections[current.dataset.key] = {
      extracted: current.dataset.value === '' ? null : current.dataset.value,
      corrected: value === '' ? null : value, note: note, who: reviewer.value.trim(),
      when: new Date().toISOString()};
    save(); showCorrection(current); showCount(); problem.textContent = '已保存 / saved';
  });
  document.getElementById('correction-remove').addEventListener('click', function () {
    if (!current) return;
    delete store.corrections[current.dataset.key];
    save(); showCorrection(current); showCount();
  });
  document.getElementById('detail-close').addEventListener('click', close);
  document.getElementById('export').addEventListener('click', function () {
    const list = cells.filter(function (td) { return store.corrections[td.dataset.key]; })
      .map(function (td) { return Object.assign({key: td.dataset.key}, store.corrections[td.dataset.key]); });
    const out = {schema: 'xxgknb.corrections/1',
                 reports: [{sha256: identity.sha256, path: identity.path, corrections: list}]};
    const blob = new Blob([JSON.stringify(out, null, 1) + '\n'], {type: 'application/json'});
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'corrections-' + String(identity.sha256 || 'report').slice(0, 12) + '.json';
    document.body.append(a); a.click(); a.remove();
  });
  cells.forEach(function (td) {
    showCorrection(td);
    td.addEventListener('click', function () { open(td); });
    td.addEventListener('mouseenter', function () { if (!td.title) td.title = td.dataset.name + '\n' + place(td); });
  });
  showCount();
  document.querySelectorAll('a.field-link').forEach(function (a) {
    a.addEventListener('click', function (event) {
      const td = byKey.get(a.dataset.key);
      if (!td) return;
      event.preventDefault();
      td.scrollIntoView({block: 'center'});
      open(td);
    });
  });
  document.querySelectorAll('.check').forEach(function (div) {
    const tds = Array.from(div.querySelectorAll('a.field-link')).map(function (a) { return byKey.get(a.dataset.key); })
      .filter(Boolean);
    div.addEventListener('mouseenter', function () { tds.forEach(function (td) { td.classList.add('hl'); }); });
    div.addEventListener('mouseleave', function () { tds.forEach(function (td) { td.classList.remove('hl'); }); });
  });
  function step(direction) {
    if (flagged.length === 0) return;
    let i = current ? flagged.indexOf(current) : -1;
    i = i < 0 ? (direction > 0 ? 0 : flagged.length - 1) : (i + direction + flagged.length) % flagged.length;
    flagged[i].scrollIntoView({block: 'center'});
    open(flagged[i]);
  }
  document.addEventListener('keydown', function (event) {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (event.key === 'Escape') { close(); return; }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'n' || event.key === 'j') { event.preventDefault(); step(1); }
    else if (event.key === 'p' || event.key === 'k') { event.preventDefault(); step(-1); }
    else if (event.key === 'Enter' && event.target instanceof HTMLTableCellElement && byKey.has(event.target.dataset.key)) {
      event.preventDefault(); open(event.target); valueInput.focus();
    }
  });
})();
)js";

const char* const kIndexScript = R"js(
'use strict';
(function () {
  const data = JSON.parse(document.getElementById('index-data').textContent);
  const pageSize = 100;
  const column = {};
  data.columns.forEach(function (name, i) { column[name] = i; });
  const rows = data.reports;
  const filters = {
    agency: document.getElementById('filter-agency'), year: document.getElementById('filter-year'),
    template: document.getElementById('filter-template'), status: document.getElementById('filter-status'),
    check: document.getElementById('filter-check')};
  function options(select, values) {
    values.forEach(function (v) { const o = document.createElement('option'); o.value = v; o.textContent = v; select.append(o); });
  }
  function distinct(name) {
    const seen = new Set();
    rows.forEach(function (r) { const v = r[column[name]]; if (v !== null && v !== '') seen.add(String(v)); });
    return Array.from(seen).sort();
  }
  options(filters.year, distinct('year'));
  options(filters.template, distinct('template'));
  const checks = new Set();
  rows.forEach(function (r) { r[column.failing_checks].forEach(function (c) { checks.add(c); }); });
  options(filters.check, Array.from(checks).sort());
  let page = 0;
  let matching = rows;
  const body = document.getElementById('index-rows');
  const shown = document.getElementById('index-shown');
  function cell(tr, text, cls) {
    const td = document.createElement('td'); td.textContent = text === null ? '' : String(text);
    if (cls) td.className = cls;
    tr.append(td); return td;
  }
  function draw() {
    body.replaceChildren();
    const from = page * pageSize;
    matching.slice(from, from + pageSize).forEach(function (r) {
      const tr = document.createElement('tr');
      const status = r[column.status];
      cell(tr, status, 'status-' + status);
      const td = cell(tr, '');
      const a = document.createElement('a'); a.href = r[column.href];
      a.textContent = r[column.agency] || r[column.path];
      td.append(a);
      cell(tr, r[column.year]); cell(tr, r[column.template]);
      cell(tr, r[column.confidence]); cell(tr, r[column.failing_checks].join(' ') || r[column.error_code]);
      cell(tr, r[column.doubtful_cells]); cell(tr, r[column.corrections] || '');
      cell(tr, r[column.path]);
      body.append(tr);
    });
    const pages = Math.max(1, Math.ceil(matching.length / pageSize));
    shown.textContent = (matching.length === 0 ? 0 : from + 1) + '–' + Math.min(from + pageSize, matching.length) +
      ' / ' + matching.length + '（第 ' + (page + 1) + ' / ' + pages + ' 页 / page）';
    document.getElementById('page-prev').disabled = page === 0;
    document.getElementById('page-next').disabled = page + 1 >= pages;
  }
  function apply() {
    const agency = filters.agency.value.trim();
    matching = rows.filter(function (r) {
      return (agency === '' || String(r[column.agency] || '').includes(agency) || String(r[column.path]).includes(agency)) &&
        (filters.year.value === '' || String(r[column.year]) === filters.year.value) &&
        (filters.template.value === '' || r[column.template] === filters.template.value) &&
        (filters.status.value === '' || r[column.status] === filters.status.value) &&
        (filters.check.value === '' || r[column.failing_checks].includes(filters.check.value));
    });
    page = 0; draw();
  }
  Object.values(filters).forEach(function (f) { f.addEventListener('input', apply); });
  document.getElementById('page-prev').addEventListener('click', function () { if (page > 0) { page--; draw(); } });
  document.getElementById('page-next').addEventListener('click', function () { if ((page + 1) * pageSize < matching.length) { page++; draw(); } });
  document.getElementById('export-all').addEventListener('click', function () {
    const reports = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key.startsWith('xxgknb.corrections.')) continue;
      try {
        const s = JSON.parse(localStorage.getItem(key));
        const list = Object.keys(s.corrections).map(function (k) { return Object.assign({key: k}, s.corrections[k]); });
        if (list.length > 0) reports.push({sha256: s.sha256, path: s.path, corrections: list});
      } catch (e) {
        console.error('xxgknb: stored corrections unreadable under ' + key, e);
      }
    }
    const blob = new Blob([JSON.stringify({schema: 'xxgknb.corrections/1', reports: reports}, null, 1) + '\n'], {type: 'application/json'});
    const a = document.createElement('a'); a.href = URL.createObjectURL(blob); a.download = 'corrections.json';
    document.body.append(a); a.click(); a.remove();
  });
  apply();
})();
)js";

}  // namespace xxgknb::review
