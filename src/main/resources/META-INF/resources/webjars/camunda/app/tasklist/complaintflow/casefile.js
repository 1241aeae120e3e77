// ComplaintFlow's case file in Tasklist: a tab beside every task (plugin point tasklist.task.detail) that reads the
// complaint and its live timeline from /api/complaints/{caseNumber} under the handler's own webapp login, so the
// engine keeps only the case number, not a copy of the case (docs/webapps.md, "The case file").
// What a department may read is the API's decision (403/404 shows as "not readable"); every text the customer or a
// handler wrote goes in through textContent, so it never becomes markup. Times are shown in the business time zone.
import settings from '../../complaintflow/settings.js';

const DEADLINES = { FIRST_RESPONSE: '首次响应', RESOLUTION: '整体解决', REGULATOR_REPLY: '监管答复' };
const DEADLINE_STATES = { RUNNING: '计时中', PAUSED: '已暂停', FULFILLED: '已完成', BREACHED: '已超时' };
const DEPARTMENT_STATES = { PLANNED: '待分派', ASSIGNED: '处理中', PROPOSED: '已提出方案', TRANSFERRED: '已退回' };
const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: settings.zone,
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
});
let vocabulary = null;

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

class NotReadable extends Error {}

async function get(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-ComplaintFlow-View': 'case-view' } });
  if (response.status === 403 || response.status === 404) throw new NotReadable(path);
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

function labels() {
  if (!vocabulary) vocabulary = get('/api/complaints/vocabulary').catch(() => ({}));
  return vocabulary;
}

function label(words, kind, code) {
  if (code === null || code === undefined || code === '') return '—';
  return (words[kind] && words[kind][code]) || code;
}

function time(value) {
  return value ? TIME.format(new Date(value)) : '—';
}

/**
 * The case number is the only case-file value in the engine: the task's own list column (a department part holds no
 * process variable of it since issue #19), else the process's variable (tasks older than the list columns); tasks
 * outside a complaint have neither.
 */
async function caseNumberOf(engineApi, taskId) {
  for (const name of ['listCaseNumber', 'caseNumber']) {
    const response = await fetch(`${engineApi}/task/${encodeURIComponent(taskId)}/variables/${name}`,
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.status === 404) continue;
    if (!response.ok) throw new Error('task variables: HTTP ' + response.status);
    const variable = await response.json();
    if (typeof variable.value === 'string' && variable.value) return variable.value;
  }
  return null;
}

function row(table, name, value, field) {
  const tr = el('tr');
  tr.appendChild(el('th', { style: 'width:8em;white-space:nowrap;vertical-align:top;padding:3px 12px 3px 0' }, name));
  const td = el('td', { style: 'padding:3px 0;white-space:pre-wrap;word-break:break-word', 'data-field': field });
  if (value instanceof Node) td.appendChild(value); else td.textContent = value === null || value === undefined ? '—' : String(value);
  tr.appendChild(td);
  table.appendChild(tr);
}

function customerText(customer) {
  if (!customer) return '—';
  const parts = [customer.name || '—'];
  if (customer.vip) parts[0] += '（VIP）';
  if (customer.phone) parts.push('电话 ' + customer.phone);
  if (customer.email) parts.push('邮箱 ' + customer.email);
  if (customer.customerId) parts.push('客户号 ' + customer.customerId);
  return parts.join('　');
}

/** A department sees the customer masked; revealing the contact details to call or write is an explicit, logged action. */
function customerCell(c) {
  const cell = el('span');
  const text = cell.appendChild(el('span', { class: 'cf-casefile-customer' }, customerText(c.customer)));
  if (!c.customer || !/\*/.test(customerText(c.customer))) return cell;
  const reveal = cell.appendChild(el('button', { type: 'button', class: 'btn btn-link btn-xs cf-casefile-reveal',
    title: '查看客户的完整联系方式（将记入个人信息访问日志）' }, '显示联系方式'));
  reveal.addEventListener('click', async () => {
    reveal.disabled = true;
    try {
      const contact = await get(`/api/complaints/${encodeURIComponent(c.caseNumber)}/contact`);
      text.textContent = customerText(contact);
      reveal.replaceWith(el('span', { class: 'text-muted cf-casefile-revealed', style: 'margin-left:1em' }, '（已显示，本次查看已记录）'));
    } catch (e) {
      reveal.disabled = false;
      reveal.replaceWith(el('span', { class: 'text-danger', style: 'margin-left:1em' },
        e instanceof NotReadable ? '无权查看联系方式' : '读取失败：' + e.message));
    }
  });
  return cell;
}

function summary(c, words) {
  const table = el('table', { class: 'cf-casefile-summary', style: 'width:100%;margin-bottom:16px' });
  row(table, '工单号', c.caseNumber, 'caseNumber');
  row(table, '状态', label(words, 'status', c.status), 'status');
  row(table, '等级', c.grade ? `${c.grade} ${label(words, 'grade', c.grade)}` : '—', 'grade');
  let channel = label(words, 'channel', c.channel);
  if (c.regulator) channel += `（${label(words, 'regulator', c.regulator)}）`;
  if (c.externalRef) channel += ` 外部编号 ${c.externalRef}`;
  row(table, '渠道', channel, 'channel');
  row(table, '类别', label(words, 'category', c.category), 'category');
  row(table, '客户', customerCell(c), 'customer');
  if (c.product) row(table, '产品', c.product, 'product');
  if (c.amountClaimed !== null && c.amountClaimed !== undefined) row(table, '诉求金额', `${c.amountClaimed} 元`, 'amountClaimed');
  if (c.repeatCount > 0) row(table, '重复投诉', `30 天内第 ${c.repeatCount + 1} 次，关联 ${c.repeatOf || '—'}`, 'repeat');
  if (c.mergedInto) row(table, '已合并到', c.mergedInto, 'mergedInto');
  if (c.mergedFrom && c.mergedFrom.length) row(table, '合并自', c.mergedFrom.join('、'), 'mergedFrom');
  row(table, '受理时间', time(c.createdAt), 'createdAt');
  row(table, '主题', c.subject || '—', 'subject');
  row(table, '投诉内容', c.description || '—', 'description');
  if (c.departments && c.departments.length) {
    const list = el('div');
    c.departments.forEach((d) => {
      const line = el('div', {}, `${label(words, 'department', d.department)}${d.lead ? '（牵头）' : ''}：`
        + (DEPARTMENT_STATES[d.state] || d.state));
      if (d.proposal) line.appendChild(el('div', { style: 'margin-left:1em;color:#555' }, '方案：' + d.proposal));
      if (d.transferReason) line.appendChild(el('div', { style: 'margin-left:1em;color:#555' }, '退回理由：' + d.transferReason));
      list.appendChild(line);
    });
    row(table, '责任部门', list, 'departments');
  }
  const deadlines = Object.entries(c.deadlines || {});
  if (deadlines.length) {
    const list = el('div');
    deadlines.forEach(([deadline, d]) => {
      const name = deadline.startsWith('DEPARTMENT:')
        ? label(words, 'department', deadline.substring('DEPARTMENT:'.length)) + '处理' : (DEADLINES[deadline] || deadline);
      list.appendChild(el('div', {}, `${name}：${time(d.targetAt)} 到期，${DEADLINE_STATES[d.state] || d.state}`));
    });
    row(table, '期限', list, 'deadlines');
  }
  if (c.resolution) row(table, '处理结果', c.resolution, 'resolution');
  if (c.compensation !== null && c.compensation !== undefined) row(table, '补偿金额', `${c.compensation} 元`, 'compensation');
  if (c.closedAt) row(table, '结案时间', time(c.closedAt), 'closedAt');
  return table;
}

function timeline(entries) {
  const table = el('table', { class: 'table table-condensed cf-casefile-timeline' });
  const head = el('tr');
  ['时间', '经办人', '事项', '说明'].forEach((h) => head.appendChild(el('th', { style: 'white-space:nowrap' }, h)));
  table.appendChild(el('thead')).appendChild(head);
  const body = table.appendChild(el('tbody'));
  (entries || []).forEach((e) => {
    const tr = el('tr');
    tr.appendChild(el('td', { style: 'white-space:nowrap' }, time(e.at)));
    tr.appendChild(el('td', { style: 'white-space:nowrap' }, e.actor));
    tr.appendChild(el('td', { style: 'white-space:pre-wrap;word-break:break-word' }, e.summary));
    tr.appendChild(el('td', { style: 'white-space:pre-wrap;word-break:break-word;color:#555' }, e.detail || ''));
    body.appendChild(tr);
  });
  return table;
}

const REFERENCE = { answerScript: '本类别应答口径（FAQ/脚本）', similarComplaints: '相似的已结案投诉' };

/** The answer script of the category and how similar closed complaints were solved, read now (not kept in the task). */
async function reference(caseNumber) {
  const section = el('div', { class: 'cf-casefile-reference' });
  section.appendChild(el('h4', { style: 'margin:8px 0' }, '参考'));
  try {
    const texts = await get(`/api/complaints/${encodeURIComponent(caseNumber)}/reference`);
    const table = section.appendChild(el('table', { style: 'width:100%' }));
    Object.entries(REFERENCE).forEach(([key, name]) => {
      if (texts[key] !== undefined) row(table, name, texts[key], key);
    });
  } catch (e) {
    section.appendChild(el('p', { class: 'text-muted' }, '参考资料加载失败：' + e.message));
  }
  return section;
}

async function show(root, data) {
  root.textContent = '';
  const status = root.appendChild(el('p', { class: 'cf-casefile-status text-muted' }, '正在读取案卷…'));
  try {
    const engineApi = (data.api && data.api.engineApi) || '/camunda/api/engine/engine/default';
    const caseNumber = await caseNumberOf(engineApi, data.taskId);
    if (!caseNumber) {
      status.textContent = '此任务不对应单个投诉，没有案卷。';
      return;
    }
    const [complaint, words] = await Promise.all([get(`/api/complaints/${encodeURIComponent(caseNumber)}`), labels()]);
    status.remove();
    const bar = root.appendChild(el('div', { style: 'display:flex;justify-content:space-between;align-items:center' }));
    bar.appendChild(el('h4', { style: 'margin:4px 0 12px 0' }, `投诉 ${complaint.caseNumber}`));
    const reload = bar.appendChild(el('button', { type: 'button', class: 'btn btn-default btn-sm cf-casefile-reload' }, '刷新'));
    reload.addEventListener('click', () => show(root, data));
    root.appendChild(summary(complaint, words));
    root.appendChild(await reference(complaint.caseNumber));
    root.appendChild(el('h4', { style: 'margin:16px 0 8px 0' }, '处理经过（时间线）'));
    root.appendChild(timeline(complaint.timeline));
    root.appendChild(el('p', { class: 'text-muted', style: 'margin-top:8px' },
      `读取于 ${time(new Date())}，内容来自工单记录（实时）。`));
  } catch (e) {
    status.className = 'cf-casefile-status alert alert-warning';
    status.textContent = e instanceof NotReadable ? '您无权查看此投诉的案卷，或工单不存在。' : '案卷加载失败：' + e.message;
  }
}

export default [
  {
    id: 'complaintflow.caseFile',
    pluginPoint: 'tasklist.task.detail',
    priority: 900, // after the form (1000), before history (800) and the diagram (600)
    properties: { label: '案卷' },
    render: (node, data) => {
      const root = el('div', { class: 'cf-casefile', style: 'padding:8px 4px' });
      node.appendChild(root);
      show(root, data);
    }
  }
];
