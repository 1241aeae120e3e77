// Served as a file: the public pages' Content-Security-Policy allows no inline script.
// Everything the server sends back is put in as text (textContent), never as HTML.
const form = document.getElementById('complaint');
const result = document.getElementById('result');
function show(lines, cls) {
  result.replaceChildren(...lines.map(text => { const p = document.createElement('p'); p.className = cls; p.textContent = text; return p; }));
}
form.addEventListener('submit', async event => {
  event.preventDefault();
  const body = Object.fromEntries(new FormData(form).entries());
  Object.keys(body).forEach(k => { if (body[k] === '') delete body[k]; });
  let response;
  try {
    response = await fetch('/public/complaints', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch (e) { show(['网络异常，请稍后再试。'], 'error'); return; }
  const data = await response.json().catch(() => ({}));
  if (response.status === 201) {
    form.reset();
    show([data.message, '请记下工单号：' + data.caseNumber], 'ok');
  } else if (response.status === 400 && Array.isArray(data.errors)) {
    const labels = { name: '姓名', phone: '手机号', email: '邮箱', category: '类别', product: '产品', subject: '主题', description: '问题描述', body: '内容' };
    show(data.errors.map(e => (labels[e.field] || e.field) + '：' + e.message), 'error');
  } else {
    show([data.detail || '提交失败，请稍后再试。'], 'error');
  }
});
