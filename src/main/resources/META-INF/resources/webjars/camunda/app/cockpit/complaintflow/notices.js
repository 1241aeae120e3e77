// ComplaintFlow: a banner above the Cockpit dashboard with what operators must act on (GET /api/operations/notices):
// a year without holiday data, mail held up. Kept apart from dashboard.js, whose charts change on their own.
// Every text goes in through textContent.

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

async function renderNotices(node) {
  node.innerHTML = '';
  let notices;
  try {
    const response = await fetch('/api/operations/notices', { credentials: 'same-origin',
      headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    notices = await response.json();
  } catch (e) {
    return;
  }
  notices.forEach(n => {
    const box = el('div', { class: 'alert alert-warning complaintflow-notice', 'data-kind': n.kind,
      style: 'margin:8px 16px' });
    box.appendChild(el('strong', {}, n.text));
    if (n.action) box.appendChild(el('div', {}, n.action));
    node.appendChild(box);
    if (n.kind === 'mail') linkToOutage(box);
  });
}

// The open mail outage's incident, one click away (for those who may read process instances: administrators).
async function linkToOutage(box) {
  try {
    const response = await fetch('/camunda/api/engine/engine/default/process-instance?processDefinitionKey=mail-outage'
      + '&active=true', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const open = await response.json();
    if (!open.length) return;
    const link = el('a', { class: 'complaintflow-notice-link',
      href: '#/process-instance/' + encodeURIComponent(open[0].id) + '/runtime?tab=incidents-tab' },
      '打开「邮件发送受阻」故障 →');
    const line = el('div', { style: 'margin-top:4px' });
    line.appendChild(link);
    box.appendChild(line);
  } catch (e) {
    // the banner's text says where to go
  }
}

export default [
  {
    id: 'complaintflow.notices',
    pluginPoint: 'cockpit.dashboard',
    priority: 200,
    render: node => { renderNotices(node); }
  }
];
