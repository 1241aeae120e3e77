// ComplaintFlow dashboard for Camunda Cockpit (community edition): figures from /api/reports, drawn as plain SVG.
// Every text goes in through textContent, so complaint text can never become markup.

const CHANNELS = { hotline: '热线', wechat: '微信', web: '网站', email: '邮件', app: 'APP', store: '门店',
  internal: '内部转办', regulator: '监管转办', media: '媒体' };
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#17becf'];
const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

async function get(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(path + ': ' + response.status);
  return response.json();
}

function section(root, title) {
  const box = el('div', { class: 'cf-section', style: 'margin:0 0 24px 0' });
  box.appendChild(el('h4', { style: 'margin:8px 0' }, title));
  root.appendChild(box);
  return box;
}

/** Horizontal bars: rows of [label, value, text]. */
function bars(box, rows, max, color) {
  const height = rows.length * 24 + 4;
  const chart = svg('svg', { width: '720', height: String(height), viewBox: `0 0 720 ${height}` });
  rows.forEach(([label, value, text], i) => {
    const y = i * 24 + 2;
    chart.appendChild(svg('text', { x: '0', y: String(y + 15), 'font-size': '12' }, label));
    const w = max > 0 ? Math.round(260 * value / max) : 0;
    chart.appendChild(svg('rect', { x: '150', y: String(y + 2), width: String(w), height: '18', fill: color }));
    chart.appendChild(svg('text', { x: String(156 + w), y: String(y + 15), 'font-size': '12' }, text));
  });
  box.appendChild(chart);
}

function volumeChart(box, days) {
  const channels = [...new Set(days.flatMap(d => Object.keys(d.byChannel)))].sort();
  const max = Math.max(1, ...days.map(d => Object.values(d.byChannel).reduce((a, b) => a + b, 0)));
  const width = 600, height = 160, barW = Math.max(2, Math.floor(560 / Math.max(days.length, 1)) - 2);
  const chart = svg('svg', { width: String(width), height: String(height + 40), viewBox: `0 0 ${width} ${height + 40}` });
  days.forEach((d, i) => {
    let y = height;
    channels.forEach((c, ci) => {
      const n = d.byChannel[c] || 0;
      if (!n) return;
      const h = Math.round(height * n / max);
      y -= h;
      const rect = svg('rect', { x: String(30 + i * (barW + 2)), y: String(y), width: String(barW), height: String(h),
        fill: COLORS[ci % COLORS.length] });
      rect.appendChild(svg('title', {}, `${d.day} ${CHANNELS[c] || c}: ${n}`));
      chart.appendChild(rect);
    });
  });
  chart.appendChild(svg('text', { x: '0', y: '12', 'font-size': '11' }, String(max)));
  chart.appendChild(svg('text', { x: '30', y: String(height + 14), 'font-size': '11' }, days.length ? days[0].day : ''));
  chart.appendChild(svg('text', { x: '470', y: String(height + 14), 'font-size': '11' },
    days.length ? days[days.length - 1].day : ''));
  channels.forEach((c, ci) => {
    chart.appendChild(svg('rect', { x: String(30 + ci * 70), y: String(height + 24), width: '10', height: '10',
      fill: COLORS[ci % COLORS.length] }));
    chart.appendChild(svg('text', { x: String(44 + ci * 70), y: String(height + 33), 'font-size': '11' }, CHANNELS[c] || c));
  });
  box.appendChild(chart);
}

function table(box, headers, rows) {
  const t = el('table', { class: 'table table-striped cf-table' });
  const head = el('tr');
  headers.forEach(h => head.appendChild(el('th', {}, h)));
  t.appendChild(head);
  rows.forEach(cells => {
    const tr = el('tr');
    cells.forEach(c => {
      const td = el('td');
      if (c instanceof Node) td.appendChild(c); else td.textContent = c === null || c === undefined ? '—' : String(c);
      tr.appendChild(td);
    });
    t.appendChild(tr);
  });
  box.appendChild(t);
}

function percent(share) {
  return share === null || share === undefined ? '—' : Math.round(share * 1000) / 10 + '%';
}

function time(instant) {
  return new Date(instant).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

async function renderDashboard(node) {
  node.innerHTML = '';
  const root = el('div', { class: 'complaintflow-dashboard', style: 'padding:8px 16px' });
  root.appendChild(el('h3', {}, '投诉管理看板（近 30 天）'));
  node.appendChild(root);
  try {
    const [summary, volume, departments, bottlenecks, overdue] = await Promise.all([
      get('/api/reports/summary'), get('/api/reports/volume'), get('/api/reports/departments'),
      get('/api/reports/bottlenecks'), get('/api/reports/overdue?limit=20')]);
    const backlog = Object.values(summary.backlogByAge).reduce((a, b) => a + b, 0);
    root.appendChild(el('p', { class: 'cf-kpis', style: 'font-size:16px' },
      `受理 ${summary.received} 件 · 结案 ${summary.closed} 件 · 积压 ${backlog} 件 · 超时未结 ${overdue.length} 项`));

    volumeChart(section(root, '每日受理量（按渠道）'), volume);

    const grades = ['G1', 'G2', 'G3', 'G4'].map(g => [g, summary.byGrade[g] || 0, String(summary.byGrade[g] || 0)]);
    bars(section(root, '等级分布'), grades, Math.max(...grades.map(g => g[1])), '#9467bd');

    const sla = departments.filter(d => d.tasksDone > 0)
      .map(d => [d.name, d.onTimeShare || 0, `${percent(d.onTimeShare)}（${d.tasksDone} 件）`]);
    const slaBox = section(root, '各部门按时率');
    if (sla.length) bars(slaBox, sla, 1, '#2ca02c'); else slaBox.appendChild(el('p', {}, '期间内没有已完成的部门处理。'));

    const neck = bottlenecks.slice(0, 8).map(b => [b.taskName, b.open,
      `${b.open} 待办，中位等待 ${b.medianWaitingHours ?? '—'} 小时，超时 ${b.overdue}`]);
    bars(section(root, '瓶颈环节（待办最多的步骤）'), neck, Math.max(1, ...neck.map(b => b[1])), '#d62728');

    table(section(root, '超时未结（最早到期在前）'), ['工单号', '期限', '到期时间', '等级', '主题'],
      overdue.map(o => {
        const link = el('a', { href: o.processInstanceId ? `#/process-instance/${o.processInstanceId}/runtime` : '#' },
          o.caseNumber);
        return [link, o.clockLabel, time(o.targetAt), o.grade, o.subject];
      }));
    table(section(root, '部门考核'), ['部门', '处理件数', '中位时长（工作小时）', 'P90', '按时率', '升级', '退回', '客户不接受'],
      departments.map(d => [d.name, d.tasksDone, d.medianHours, d.p90Hours, percent(d.onTimeShare), d.escalations,
        d.transfers, d.customerRejections]));
    const links = el('p');
    const html = el('a', { href: '/api/reports/period?format=html', target: '_blank' }, '下载期间报告（HTML）');
    const csv = el('a', { href: '/api/reports/period?format=csv', style: 'margin-left:16px' }, '下载期间报告（CSV）');
    links.appendChild(html);
    links.appendChild(csv);
    root.appendChild(links);
  } catch (e) {
    root.appendChild(el('p', { class: 'alert alert-danger' }, '报表加载失败：' + e.message));
  }
}

async function renderProcessPanel(node) {
  node.innerHTML = '';
  const root = el('div', { style: 'padding:8px' });
  node.appendChild(root);
  try {
    const [bottlenecks, overdue] = await Promise.all([get('/api/reports/bottlenecks'), get('/api/reports/overdue?limit=50')]);
    table(section(root, '各环节待办与等待时间'), ['环节', '待办', '中位等待（小时）', 'P90（小时）', '已超时'],
      bottlenecks.map(b => [b.taskName, b.open, b.medianWaitingHours, b.p90WaitingHours, b.overdue]));
    table(section(root, '超时未结'), ['工单号', '期限', '到期时间', '等级'],
      overdue.map(o => [el('a', { href: o.processInstanceId ? `#/process-instance/${o.processInstanceId}/runtime` : '#' },
        o.caseNumber), o.clockLabel, time(o.targetAt), o.grade]));
  } catch (e) {
    root.appendChild(el('p', { class: 'alert alert-danger' }, '报表加载失败：' + e.message));
  }
}

export default [
  {
    id: 'complaintflow.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 100,
    render: node => { renderDashboard(node); }
  },
  {
    id: 'complaintflow.processPanel',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 100,
    properties: { label: '投诉 SLA' },
    render: node => { renderProcessPanel(node); }
  }
];
