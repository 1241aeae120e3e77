// Served as a file: the public pages' Content-Security-Policy allows no inline script.
const form = document.getElementById('lookup');
const result = document.getElementById('result');
const time = iso => iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
form.addEventListener('submit', async event => {
  event.preventDefault();
  const caseNumber = form.caseNumber.value.trim();
  const phone = form.phone.value.trim();
  let response;
  try {
    response = await fetch('/public/complaints/' + encodeURIComponent(caseNumber) + '?phone=' + encodeURIComponent(phone));
  } catch (e) { result.replaceChildren(el('p', '网络异常，请稍后再试。', 'error')); return; }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) { result.replaceChildren(el('p', data.detail || '查询失败，请稍后再试。', 'error')); return; }
  const list = el('ol', undefined, 'progress');
  data.progress.forEach(step => list.append(el('li', time(step.at) + '　' + step.text)));
  result.replaceChildren(
    el('h2', '工单 ' + data.caseNumber + '：' + data.statusLabel),
    el('p', '投诉人：' + data.name + '　手机：' + data.phone),
    el('p', '受理时间：' + time(data.receivedAt) + (data.expectedBy ? '　预计答复：' + time(data.expectedBy) + ' 前' : '')),
    el('h3', '处理进度'), list);
});
