// ComplaintFlow dashboard for Camunda Cockpit (community edition): figures from /api/reports, charts drawn by
// Apache ECharts (served by the application from its webjar, /webjars/echarts/). The dashboard moves itself to
// the top of Cockpit's start page; its first child, .cf-banners, is where banners (e.g. calendar coverage) go.
// Every text goes in through textContent (or ECharts' own text rendering), so complaint text never becomes markup.

const CHANNELS = { hotline: '热线', wechat: '微信', web: '网站', email: '邮件', app: 'APP', store: '门店',
  internal: '内部转办', regulator: '监管转办', media: '媒体' };
const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';
let echartsModule = null;

function charts() {
  if (!echartsModule) echartsModule = import(ECHARTS);
  return echartsModule;
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

async function get(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(path + ': ' + response.status);
  return response.json();
}

function section(root, title, className) {
  const box = el('div', { class: 'cf-section ' + (className || ''), style: 'margin:0 0 24px 0' });
  box.appendChild(el('h4', { style: 'margin:8px 0' }, title));
  root.appendChild(box);
  return box;
}

/** An ECharts chart in its own box; resized with the window. */
async function chart(box, option, height = 260) {
  const echarts = await charts();
  const div = el('div', { class: 'cf-chart', style: `width:100%;max-width:900px;height:${height}px` });
  box.appendChild(div);
  const instance = echarts.init(div, null, { renderer: 'canvas' });
  instance.setOption(Object.assign({ animation: false, tooltip: { trigger: 'axis', confine: true } }, option));
  window.addEventListener('resize', () => instance.resize());
  return instance;
}

/** Horizontal bars: rows of [label, value]. */
function bars(box, rows, color, format = v => v, max) {
  return chart(box, {
    grid: { left: 150, right: 60, top: 10, bottom: 20 },
    xAxis: { type: 'value', max, axisLabel: { formatter: format } },
    yAxis: { type: 'category', inverse: true, data: rows.map(r => r[0]) },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: format },
    series: [{ type: 'bar', data: rows.map(r => r[1]), itemStyle: { color },
      label: { show: true, position: 'right', formatter: p => format(p.value) } }]
  }, Math.max(80, rows.length * 28 + 40));
}

function volumeChart(box, days) {
  const channels = [...new Set(days.flatMap(d => Object.keys(d.byChannel)))].sort();
  return chart(box, {
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: days.map(d => String(d.day).substring(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: channels.map(c => ({ name: CHANNELS[c] || c, type: 'bar', stack: 'volume',
      data: days.map(d => d.byChannel[c] || 0) }))
  }, 280);
}

function gradeChart(box, byGrade) {
  return chart(box, {
    tooltip: { trigger: 'item' },
    legend: { orient: 'vertical', left: 0, top: 'middle' },
    series: [{ type: 'pie', radius: ['40%', '70%'], center: ['60%', '50%'],
      data: ['G1', 'G2', 'G3', 'G4'].map(g => ({ name: g, value: byGrade[g] || 0 })),
      color: ['#91bfdb', '#fee090', '#fc8d59', '#d73027'], label: { formatter: '{b}: {c}' } }]
  }, 220);
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

/**
 * Moves the dashboard above Cockpit's own sections (plugins of this point render at the bottom of the page), and
 * the operators' notices (notices.js, rendered on their own) into its banner slot at the top.
 */
function moveToTop(root, attempts = 100) {
  const page = document.querySelector('.ctn-view.dashboard');
  if (page && root.isConnected && page.firstChild !== root) {
    page.insertBefore(root, page.firstChild);
  }
  const banners = root.querySelector('.cf-banners');
  document.querySelectorAll('.complaintflow-notice').forEach(notice => {
    if (banners && !banners.contains(notice)) banners.appendChild(notice);
  });
  if (attempts > 0) setTimeout(() => moveToTop(root, attempts - 1), 100);
}

/** The entry point to a complaint's path, finished or not: Cockpit CE has no view of finished instances. */
function pathLookup(root) {
  const form = el('form', { class: 'form-inline cf-path-lookup' });
  const input = el('input', { type: 'text', class: 'form-control input-sm', name: 'caseNumber',
    placeholder: '工单号，如 CMP-20260315-000001' });
  const button = el('button', { type: 'submit', class: 'btn btn-default btn-sm' }, '查看处理路径');
  const message = el('span', { class: 'cf-path-lookup-message', style: 'margin-left:8px' });
  form.append(el('span', { style: 'margin-right:8px' }, '工单路径：'), input, button, message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    message.textContent = '';
    try {
      const path = await get('/api/reports/path?caseNumber=' + encodeURIComponent(input.value.trim()));
      window.location.hash = `#/process-definition/${path.processDefinitionId}/runtime?cfPath=`
        + encodeURIComponent(path.processInstanceId);
    } catch (e) {
      message.textContent = '找不到该工单的流程（' + e.message + '）';
    }
  });
  root.appendChild(form);
}

/** Cockpit's engine REST base. */
function engineApi() {
  const base = document.querySelector('base').getAttribute('engine-api');
  const engine = (window.location.pathname.match(/\/app\/cockpit\/([^/]+)/) || [null, 'default'])[1];
  return `${base}engine/${engine}`;
}

async function heatLinks(root) {
  const p = el('p', { class: 'cf-heat-links' });
  p.appendChild(el('span', {}, '流程图热力：'));
  root.appendChild(p);
  for (const [key, label] of [['complaint-handling', '投诉处理'], ['department-handling', '部门处理']]) {
    try {
      const definition = await get(`${engineApi()}/process-definition/key/${key}`);
      p.appendChild(el('a', { href: `#/process-definition/${definition.id}/runtime`, style: 'margin-right:16px',
        class: 'cf-heat-link' }, label));
    } catch (e) {
      // not deployed (yet): no link
    }
  }
}

async function renderDashboard(node, data) {
  node.innerHTML = '';
  const root = el('div', { class: 'complaintflow-dashboard', style: 'padding:8px 16px;background:#fff' });
  root.appendChild(el('div', { class: 'cf-banners' }));
  root.appendChild(el('h3', {}, '投诉管理看板（近 30 天）'));
  node.appendChild(root);
  moveToTop(root);
  try {
    const [summary, volume, departments, bottlenecks, overdue] = await Promise.all([
      get('/api/reports/summary'), get('/api/reports/volume'), get('/api/reports/departments'),
      get('/api/reports/bottlenecks'), get('/api/reports/overdue?limit=20')]);
    const backlog = Object.values(summary.backlogByAge).reduce((a, b) => a + b, 0);
    root.appendChild(el('p', { class: 'cf-kpis', style: 'font-size:16px' },
      `受理 ${summary.received} 件 · 结案 ${summary.closed} 件 · 积压 ${backlog} 件 · 超时未结 ${overdue.length} 项`));
    heatLinks(root);
    pathLookup(root);

    const row = el('div', { class: 'row' });
    root.appendChild(row);
    const left = el('div', { class: 'col-md-8' });
    const right = el('div', { class: 'col-md-4' });
    row.append(left, right);
    volumeChart(section(left, '每日受理量（按渠道）', 'cf-volume'), volume);
    gradeChart(section(right, '等级分布', 'cf-grades'), summary.byGrade);

    const sla = departments.filter(d => d.tasksDone > 0).map(d => [d.name, d.onTimeShare || 0]);
    const slaBox = section(root, '各部门按时率', 'cf-on-time');
    if (sla.length) bars(slaBox, sla, '#1a9850', v => percent(v), 1);
    else slaBox.appendChild(el('p', {}, '期间内没有已完成的部门处理。'));

    const neck = bottlenecks.slice(0, 8).map(b => [b.taskName, b.open]);
    bars(section(root, '瓶颈环节（待办最多的步骤）', 'cf-bottlenecks'), neck, '#d73027');

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
    render: (node, data) => { renderDashboard(node, data); }
  },
  {
    id: 'complaintflow.processPanel',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 100,
    properties: { label: '投诉 SLA' },
    render: node => { renderProcessPanel(node); }
  }
];
