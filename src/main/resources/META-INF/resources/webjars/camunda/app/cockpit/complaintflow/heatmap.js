// ComplaintFlow's heat on Cockpit's diagrams (community edition): on a process definition, every activity gets an
// overlay (class cf-heatmap) with complaints waiting there, median/p90 time spent, overdue and escalated, coloured
// cool→hot by the figure the manager picks; a click lists those complaints. On a process instance — and, with
// ?cfPath=<instance id> on a definition page, for finished instances too — the path the complaint took.
// Figures: /api/reports/heatmap, /api/reports/heatmap/complaints, /api/reports/path (see docs/reports.md).
// Every text goes in through textContent, so complaint text can never become markup.

// Counted in complaints, where Cockpit's own badges on the same diagram count activity instances (one per process
// instance there: a complaint with two departments is two department instances): the unit says so everywhere.
const FIGURES = {
  waiting: { label: '当前等待', unit: '件投诉' },
  overdue: { label: '超时', unit: '件投诉' },
  escalated: { label: '期间升级', unit: '件投诉' },
  medianHours: { label: '停留中位数', unit: '小时' },
  p90Hours: { label: '停留 P90', unit: '小时' }
};
const PERIODS = { 7: '近 7 天', 30: '近 30 天', 90: '近 90 天', custom: '自定义' };
const DEPARTMENTS = { quality: '质量部', 'after-sales': '售后服务部', billing: '账务部', logistics: '物流部',
  sales: '销售部', tech: '技术部', legal: '法务部', pr: '公关部' };
const GRADES = { G1: 'G1 一般', G2: 'G2 重要', G3: 'G3 重大', G4: 'G4 危机' };
const CHANNELS = { hotline: '热线', wechat: '微信', web: '网站', email: '邮件', app: 'APP', store: '门店',
  internal: '内部转办', regulator: '监管转办', media: '媒体' };
const REGULATORS = { 12315: '12315', nfra: '金融监管总局', miit: '工信部', 'consumer-association': '消费者协会',
  other: '其他' };
// cool → hot
const STOPS = [[69, 117, 180], [145, 191, 219], [254, 224, 144], [252, 141, 89], [215, 48, 39]];
const WAITING_TYPES = ['bpmn:Activity', 'bpmn:IntermediateCatchEvent', 'bpmn:EventBasedGateway'];
// act_hi_actinst types where time passes (the server's HeatmapService.WAIT_TYPES): only they get a time on the path
const STAY_TYPES = ['userTask', 'receiveTask', 'manualTask', 'task', 'callActivity', 'subProcess', 'adHocSubProcess',
  'transaction', 'intermediateTimer', 'intermediateMessageCatch', 'intermediateSignalCatch', 'intermediateConditional',
  'intermediateCatchEvent', 'eventBasedGateway'];
const STATE_KEY = 'complaintflow.heatmap';
const BASIS = '热力按投诉计：一件投诉记一次，不论它有几个流程实例（例如分派给两个部门的投诉在“部门处理”中有两个实例）。'
  + 'Cockpit 自带的蓝色数字（活动实例统计）按流程中的活动实例计，两者可以不同。';

ensureStyles();

function ensureStyles() {
  if (document.getElementById('cf-heatmap-css')) return;
  const link = document.createElement('link');
  link.id = 'cf-heatmap-css';
  link.rel = 'stylesheet';
  link.href = new URL('heatmap.css', import.meta.url).href;
  document.head.appendChild(link);
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => { if (v !== undefined && v !== null) e.setAttribute(k, v); });
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

async function get(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(path.split('?')[0] + ': ' + response.status);
  return response.json();
}

function time(instant) {
  return instant ? new Date(instant).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
}

function hours(value) {
  if (value === null || value === undefined) return '—';
  return value >= 48 ? `${Math.round(value / 2.4) / 10} 天` : `${value} 小时`;
}

function heatColor(t, alpha) {
  const x = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const c = STOPS[i].map((v, k) => Math.round(v + (STOPS[i + 1][k] - v) * f));
  return `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})`;
}

function hashParams() {
  const hash = window.location.hash || '';
  const q = hash.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : hash.substring(q + 1));
}

function loadState() {
  try {
    return Object.assign({ figure: 'waiting', period: '30', from: '', to: '', department: '', grade: '', channel: '',
      regulator: '' }, JSON.parse(sessionStorage.getItem(STATE_KEY) || '{}'));
  } catch (e) {
    return { figure: 'waiting', period: '30' };
  }
}

function saveState(state) {
  sessionStorage.setItem(STATE_KEY, JSON.stringify(state));
}

function day(date) {
  return new Date(date.getTime() + 8 * 3600 * 1000).toISOString().substring(0, 10); // business days: Shanghai
}

function query(state) {
  const p = new URLSearchParams();
  if (state.period === 'custom') {
    if (state.from) p.set('from', state.from);
    if (state.to) p.set('to', state.to);
  } else {
    const today = new Date();
    p.set('to', day(today));
    p.set('from', day(new Date(today.getTime() - (Number(state.period) - 1) * 86400000)));
  }
  ['department', 'grade', 'channel', 'regulator'].forEach(k => { if (state[k]) p.set(k, state[k]); });
  return p;
}

function isWaitingPlace(element) {
  const bo = element.businessObject;
  return element.type !== 'label' && element.parent && bo && bo.$instanceOf
    && WAITING_TYPES.some(t => bo.$instanceOf(t));
}

function select(name, options, value, onChange) {
  const s = el('select', { class: 'form-control input-sm cf-heatmap-' + name, name });
  Object.entries(options).forEach(([k, label]) => {
    const o = el('option', { value: k }, label);
    if (String(k) === String(value)) o.selected = true;
    s.appendChild(o);
  });
  s.addEventListener('change', () => onChange(s.value));
  return s;
}

function withAll(options, label) {
  return Object.assign({ '': label }, options);
}

/** Cockpit's engine REST base; the diagram plugins' own api.engineApi is malformed in 7.24 (no app name given). */
function engineApi() {
  const base = document.querySelector('base').getAttribute('engine-api');
  const engine = (window.location.pathname.match(/\/app\/cockpit\/([^/]+)/) || [null, 'default'])[1];
  return `${base}engine/${engine}`;
}

async function processKey(processDefinitionId) {
  const definition = await get(`${engineApi()}/process-definition/${encodeURIComponent(processDefinitionId)}`);
  return definition.key;
}

/** The heat view on a process definition's diagram. */
class HeatView {
  constructor(viewer, key) {
    this.viewer = viewer;
    this.key = key;
    this.state = loadState();
    this.container = viewer.get('canvas').getContainer();
    this.root = el('div', { class: 'cf-heatmap-view' });
    this.container.appendChild(this.root);
    this.loads = 0;
    this.cleared = false;
  }

  render() {
    this.root.innerHTML = '';
    const bar = el('div', { class: 'cf-heatmap-toolbar' });
    bar.appendChild(el('strong', { title: BASIS }, '投诉热力（按投诉件数）'));
    const change = (k) => (v) => { this.state[k] = v; saveState(this.state); this.render(); };
    bar.appendChild(select('figure', Object.fromEntries(Object.entries(FIGURES).map(([k, f]) => [k, f.label])),
      this.state.figure, change('figure')));
    bar.appendChild(select('period', PERIODS, this.state.period, change('period')));
    if (this.state.period === 'custom') {
      ['from', 'to'].forEach(k => {
        const input = el('input', { type: 'date', class: 'form-control input-sm cf-heatmap-' + k, name: k,
          value: this.state[k] || '' });
        input.addEventListener('change', () => { this.state[k] = input.value; saveState(this.state); this.render(); });
        bar.appendChild(input);
      });
    }
    bar.appendChild(select('department', withAll(DEPARTMENTS, '全部部门'), this.state.department, change('department')));
    bar.appendChild(select('grade', withAll(GRADES, '全部等级'), this.state.grade, change('grade')));
    bar.appendChild(select('channel', withAll(CHANNELS, '全部渠道'), this.state.channel, change('channel')));
    bar.appendChild(select('regulator', withAll(REGULATORS, '全部监管'), this.state.regulator, change('regulator')));
    this.legend = el('span', { class: 'cf-heatmap-legend' });
    bar.appendChild(this.legend);
    this.root.appendChild(bar);
    this.list = el('div', { class: 'cf-heatmap-list', hidden: 'hidden' });
    this.root.appendChild(this.list);
    if (!this.cleared) {
      // once, before the first figures: moving the view later would move overlays a reader already looks at
      this.cleared = true;
      keepClear(this.viewer, this.root);
    }
    this.load();
  }

  async load() {
    const overlays = this.viewer.get('overlays');
    // a filter changed twice in a row: only the answer to the latest choice may draw (an earlier one can come last)
    const load = ++this.loads;
    overlays.remove({ type: 'cf-heatmap' });
    let view;
    try {
      view = await get(`/api/reports/heatmap?process=${encodeURIComponent(this.key)}&${query(this.state)}`);
    } catch (e) {
      if (load === this.loads) this.legend.textContent = '热力数据加载失败：' + e.message;
      return;
    }
    if (load !== this.loads || !this.root.isConnected) return; // a later choice, or the view was left for a path
    this.view = view;
    const figures = {};
    view.activities.forEach(a => { figures[a.activityId] = a; });
    const figure = this.state.figure;
    const max = Math.max(0, ...view.activities.map(a => a[figure] || 0));
    this.legend.textContent = '';
    this.legend.appendChild(el('span', { class: 'cf-heatmap-scale' }));
    this.legend.appendChild(el('span', {}, ` 0 → ${max} ${FIGURES[figure].unit}（截至 ${time(view.asOf)}）`));
    this.legend.appendChild(el('span', { class: 'cf-heatmap-basis', title: BASIS }, '　与 Cockpit 的实例数不同 ⓘ'));
    overlays.remove({ type: 'cf-heatmap' });
    this.viewer.get('elementRegistry').filter(isWaitingPlace).forEach(element => {
      const a = figures[element.id] || { activityId: element.id, waiting: 0, overdue: 0, completed: 0, escalated: 0,
        medianHours: null, p90Hours: null };
      const value = a[figure] || 0;
      const t = max > 0 ? value / max : 0;
      const big = element.width > 200 || element.height > 140;
      const box = el('div', { class: 'cf-heatmap' + (big ? ' cf-heatmap-container' : ''), 'data-activity': element.id,
        'data-waiting': a.waiting, 'data-overdue': a.overdue, 'data-escalated': a.escalated,
        'data-completed': a.completed, 'data-median-hours': a.medianHours, 'data-p90-hours': a.p90Hours,
        title: `${element.businessObject.name || element.id}（按投诉计）\n当前等待 ${a.waiting} 件投诉（超时 ${a.overdue} 件）\n`
          + `期间完成 ${a.completed} 次，停留中位数 ${hours(a.medianHours)}，P90 ${hours(a.p90Hours)}\n期间升级 ${a.escalated} 件投诉` });
      if (!big) {
        box.style.width = element.width + 'px';
        box.style.height = element.height + 'px';
        box.style.background = value > 0 ? heatColor(t, 0.45) : 'rgba(69, 117, 180, 0.08)';
      }
      box.style.borderColor = value > 0 ? heatColor(t, 0.95) : 'rgba(69, 117, 180, 0.35)';
      const badge = el('span', { class: 'cf-heatmap-value' },
        figure.endsWith('Hours') ? hours(a[figure]) : `${value} 件`);
      badge.style.background = value > 0 ? heatColor(t, 1) : '#8aa4c8';
      box.appendChild(badge);
      if (a.waiting > 0 || a.overdue > 0 || a.escalated > 0) {
        box.appendChild(el('span', { class: 'cf-heatmap-counts' },
          `投诉 等${a.waiting} 超${a.overdue} 升${a.escalated}`));
      }
      box.addEventListener('click', (event) => { event.stopPropagation(); this.showList(element, a); });
      this.viewer.get('overlays').add(element.id, 'cf-heatmap', { position: { top: 0, left: 0 }, html: box });
    });
  }

  async showList(element, a) {
    const list = this.list;
    list.hidden = false;
    list.innerHTML = '';
    const head = el('div', { class: 'cf-heatmap-list-head' });
    head.appendChild(el('strong', {}, `${element.businessObject.name || element.id}`));
    const close = el('button', { type: 'button', class: 'close', title: '关闭' }, '×');
    close.addEventListener('click', () => { list.hidden = true; });
    head.appendChild(close);
    list.appendChild(head);
    list.appendChild(el('p', { class: 'cf-heatmap-summary' }, `当前等待 ${a.waiting} 件投诉，其中超时 ${a.overdue} 件；`
      + `期间完成 ${a.completed} 次，中位 ${hours(a.medianHours)}，P90 ${hours(a.p90Hours)}；期间升级 ${a.escalated} 件投诉`));
    let rows;
    try {
      rows = await get(`/api/reports/heatmap/complaints?process=${encodeURIComponent(this.key)}`
        + `&activity=${encodeURIComponent(element.id)}&${query(this.state)}`);
    } catch (e) {
      list.appendChild(el('p', { class: 'alert alert-danger' }, '加载失败：' + e.message));
      return;
    }
    if (!rows.length) {
      list.appendChild(el('p', {}, '没有符合条件的投诉。'));
      return;
    }
    const table = el('table', { class: 'table table-condensed cf-heatmap-complaints' });
    const tr = el('tr');
    ['工单号', '等级', '部门', '期限', '状态', '路径'].forEach(h => tr.appendChild(el('th', {}, h)));
    table.appendChild(tr);
    rows.forEach(r => {
      const row = el('tr', { 'data-case-number': r.caseNumber, class: r.overdue ? 'cf-overdue' : '' });
      const link = el('a', { href: r.finished ? pathLink(r.processDefinitionId, r.processInstanceId)
        : `#/process-instance/${r.processInstanceId}/runtime` }, r.caseNumber);
      const cells = [link, r.grade || '—', DEPARTMENTS[r.department] || r.department || '—', time(r.dueAt),
        [r.waiting ? '等待中' : '已离开', r.overdue ? '超时' : null, r.escalated ? '曾升级' : null].filter(x => x).join('·'),
        el('a', { href: pathLink(r.processDefinitionId, r.processInstanceId), class: 'cf-path-link' }, '查看路径')];
      cells.forEach(c => {
        const td = el('td');
        if (c instanceof Node) td.appendChild(c); else td.textContent = c;
        row.appendChild(td);
      });
      table.appendChild(row);
    });
    list.appendChild(table);
  }
}

/**
 * Cockpit fits the whole diagram to the canvas, so its top row lies under our toolbar or banner (top left corner).
 * While the whole diagram is in view, this shrinks it just enough and moves it below that box; a view the user
 * zoomed or panned (or Cockpit restored from the address) stays as it is. Called once per view, before any overlay.
 */
function keepClear(viewer, box) {
  const canvas = viewer.get('canvas');
  const container = canvas.getContainer();
  const view = canvas.viewbox();
  const inner = view.inner;
  const covered = box.getBoundingClientRect().bottom - container.getBoundingClientRect().top + 8;
  const whole = inner.x >= view.x - 1 && inner.y >= view.y - 1 && inner.x + inner.width <= view.x + view.width + 1
    && inner.y + inner.height <= view.y + view.height + 1;
  const height = container.clientHeight - covered;
  if (!whole || !inner.width || height < 60 || (inner.y - view.y) * view.scale >= covered) return;
  const scale = Math.min(view.scale, container.clientWidth / (inner.width + 40), height / (inner.height + 20));
  canvas.viewbox({ x: inner.x - (container.clientWidth / scale - inner.width) / 2, y: inner.y - covered / scale,
    width: container.clientWidth / scale, height: container.clientHeight / scale });
}

function pathLink(processDefinitionId, processInstanceId) {
  return `#/process-definition/${processDefinitionId}/runtime?cfPath=${encodeURIComponent(processInstanceId)}`;
}

/** One instance's path: visited steps marked, time spent and escalations on each place where it waited. */
async function renderPath(viewer, processInstanceId, banner, exitHref) {
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  let path;
  try {
    path = await get(`/api/reports/path/${encodeURIComponent(processInstanceId)}`);
  } catch (e) {
    if (banner) banner.textContent = '路径加载失败：' + e.message;
    return;
  }
  if (banner) {
    banner.textContent = '';
    // a complaint's case number is a 工单; other processes (a mail outage, a surge, a campaign) have a business key
    const isCase = /^CMP-\d{8}-\d+$/.test(path.businessKey || '');
    banner.appendChild(el('strong', {}, `${isCase ? '工单' : '业务键'} ${path.businessKey || ''} 的处理路径`));
    banner.appendChild(el('span', {}, ` · ${time(path.startedAt)} 开始 · `
      + (path.endedAt ? `${time(path.endedAt)} 结束` : '进行中')));
    if (path.superProcessInstanceId) {
      banner.appendChild(el('span', {}, ' · '));
      banner.appendChild(el('a', { href: `#/process-instance/${path.superProcessInstanceId}/runtime`,
        class: 'cf-path-parent' }, '上级流程'));
    }
    if (exitHref) banner.appendChild(el('a', { href: exitHref, class: 'cf-path-exit' }, ' · 返回热力图'));
    keepClear(viewer, banner);
  }
  const byActivity = {};
  path.steps.forEach(s => {
    const a = byActivity[s.activityId] || (byActivity[s.activityId] = { visits: 0, hours: 0, open: false,
      escalations: [] });
    a.visits++;
    a.stay = a.stay || STAY_TYPES.includes(s.activityType);
    if (s.hours === null || s.hours === undefined) a.open = true; else a.hours += s.hours;
    a.escalations.push(...s.escalations);
  });
  overlays.remove({ type: 'cf-path' });
  Object.entries(byActivity).forEach(([id, a]) => {
    const element = registry.get(id);
    if (!element) return;
    canvas.addMarker(id, 'cf-path-visited');
    if (!isWaitingPlace(element) || !a.stay) return;
    const box = el('div', { class: 'cf-heatmap cf-path', 'data-activity': id, 'data-visits': a.visits,
      'data-hours': Math.round(a.hours * 10) / 10, 'data-escalations': a.escalations.length });
    box.appendChild(el('span', { class: 'cf-path-time' },
      (a.open ? '进行中 ' : '') + hours(Math.round(a.hours * 10) / 10) + (a.visits > 1 ? ` ×${a.visits}` : '')));
    if (a.escalations.length) {
      const levels = a.escalations.map(e => (e.level === 0 ? '提醒' : `升级${e.level}`) + ' ' + time(e.at));
      box.appendChild(el('span', { class: 'cf-path-escalation', title: levels.join('\n') },
        `⚠ ${a.escalations.filter(e => e.level > 0).length} 升级`));
    }
    const called = path.called.filter(c => c.activityId === id);
    called.forEach(c => {
      box.appendChild(el('a', { class: 'cf-path-called', href: pathLink(c.processDefinitionId, c.processInstanceId) },
        `→ ${DEPARTMENTS[c.department] || c.department || c.processDefinitionKey}`));
    });
    overlays.add(id, 'cf-path', { position: { bottom: -4, left: 0 }, html: box });
  });
}

let hashListener = null;

function renderDefinition(viewer, { processDefinitionId }) {
  if (hashListener) window.removeEventListener('hashchange', hashListener);
  let shown = null;
  const show = async () => {
    const pathOf = hashParams().get('cfPath');
    if (shown === (pathOf || 'heat')) return;
    shown = pathOf || 'heat';
    const container = viewer.get('canvas').getContainer();
    container.querySelectorAll('.cf-heatmap-view, .cf-path-banner').forEach(n => n.remove());
    viewer.get('overlays').remove({ type: 'cf-heatmap' });
    viewer.get('overlays').remove({ type: 'cf-path' });
    viewer.get('elementRegistry').forEach(e => viewer.get('canvas').removeMarker(e.id, 'cf-path-visited'));
    if (pathOf) {
      const banner = el('div', { class: 'cf-path-banner' }, '加载路径…');
      container.appendChild(banner);
      renderPath(viewer, pathOf, banner, window.location.hash.split('?')[0]);
    } else {
      const key = await processKey(processDefinitionId);
      new HeatView(viewer, key).render();
    }
  };
  hashListener = show;
  window.addEventListener('hashchange', hashListener);
  show();
}

export default [
  {
    id: 'complaintflow.heatmap',
    pluginPoint: 'cockpit.processDefinition.diagram.plugin',
    priority: 10,
    render: (viewer, data) => { renderDefinition(viewer, data); },
    unmount: () => { if (hashListener) window.removeEventListener('hashchange', hashListener); hashListener = null; }
  },
  {
    id: 'complaintflow.path',
    pluginPoint: 'cockpit.processInstance.diagram.plugin',
    priority: 10,
    render: (viewer, { processInstanceId }) => {
      const banner = el('div', { class: 'cf-path-banner' }, '加载路径…');
      viewer.get('canvas').getContainer().appendChild(banner);
      renderPath(viewer, processInstanceId, banner);
    }
  }
];
