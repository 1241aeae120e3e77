// ComplaintFlow in Tasklist's task list: under each task's name, the subject of its complaint, so that a handler sees
// which complaint a task is about before opening it; and the list columns 类别 and 渠道 in words (产品质量, 热线), not
// as the codes the tasks carry (product-quality, hotline) (docs/webapps.md, "The task list").
// The engine keeps no subject (issue #19: the case is read, not copied; docs/privacy.md): the list reads the subjects
// of the case numbers it shows (the task's list column listCaseNumber) in one request to /api/complaints under the
// handler's own login — masked as the API masks them for the handler's group, and logged like the 案卷 tab's reads —
// and keeps them for the page's life, so Tasklist's refresh asks again only for complaints it had not shown yet.
// The subject goes in through textContent: it never becomes markup.

const custom = window.angular.module('cam.tasklist.custom');
const CASE_COLUMN = 'listCaseNumber';
const MAX_PER_REQUEST = 50; // the API's limit (ComplaintController.MAX_CASE_NUMBERS)

const subjects = new Map(); // case number → Promise of its subject (null: not readable)
let waiting = new Map(); // case number → resolve, for the next request
let scheduled = false;

async function readSubjects(batch) {
  const numbers = [...batch.keys()];
  const found = new Map();
  for (let i = 0; i < numbers.length; i += MAX_PER_REQUEST) {
    const part = numbers.slice(i, i + MAX_PER_REQUEST);
    const query = new URLSearchParams({ size: String(MAX_PER_REQUEST) });
    part.forEach((n) => query.append('caseNumber', n));
    try {
      const response = await fetch(`/api/complaints?${query}`, { credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-ComplaintFlow-View': 'case-view' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      (await response.json()).items.forEach((c) => found.set(c.caseNumber, c.subject || null));
    } catch (e) {
      console.warn('ComplaintFlow: subjects of the task list not read', e);
      part.forEach((n) => subjects.delete(n)); // asked again on the list's next refresh
    }
  }
  batch.forEach((resolve, n) => resolve(found.get(n) || null));
}

function subjectOf(caseNumber) {
  if (!subjects.has(caseNumber)) {
    subjects.set(caseNumber, new Promise((resolve) => waiting.set(caseNumber, resolve)));
    if (!scheduled) {
      scheduled = true;
      // every card of one rendering of the list first, then one request for all of them
      setTimeout(() => {
        scheduled = false;
        const batch = waiting;
        waiting = new Map();
        readSubjects(batch);
      }, 0);
    }
  }
  return subjects.get(caseNumber);
}

function caseNumberOf(task) {
  const column = ((task && task._embedded && task._embedded.variable) || []).find((v) => v.name === CASE_COLUMN);
  return column && typeof column.value === 'string' && column.value ? column.value : null;
}

custom.directive('cfTaskSubject', () => ({
  restrict: 'A',
  link(scope, element, attrs) {
    const node = element[0];
    scope.$watch(attrs.cfTaskSubject, (task) => {
      const caseNumber = caseNumberOf(task);
      node.textContent = '';
      node.removeAttribute('title');
      if (!caseNumber) return;
      subjectOf(caseNumber).then((subject) => {
        if (subject && caseNumberOf(scope.$eval(attrs.cfTaskSubject)) === caseNumber) {
          node.textContent = subject;
          node.setAttribute('title', subject);
        }
      });
    });
  }
}));

// Tasklist's card template (directive camTasks): the subject right below the task's name and process.
const PROCESS_LINE = /<h6 class="case-definition"/;

/**
 * Changes one line of a Tasklist directive's template. A Camunda version that renamed the directive or changed the
 * line leaves the list as Camunda draws it and says so in the console: the list must never break over this.
 */
function decorateTemplate(directive, line, replacement, otherwise) {
  custom.config(['$provide', '$injector', ($provide, $injector) => {
    if (!$injector.has(`${directive}DirectiveProvider`)) {
      console.warn(`ComplaintFlow: Tasklist has no directive ${directive}; ${otherwise}`);
      return;
    }
    $provide.decorator(`${directive}Directive`, ['$delegate', (directives) => {
      const found = directives[0];
      if (typeof found.template !== 'string' || !line.test(found.template)) {
        console.warn(`ComplaintFlow: Tasklist's template of ${directive} changed; ${otherwise}`);
      } else {
        found.template = found.template.replace(line, replacement);
      }
      return directives;
    }]);
  }]);
}

decorateTemplate('camTasks', PROCESS_LINE, '<p class="cf-task-subject" cf-task-subject="task"></p>\n$&',
  'the complaint\'s subject is not shown in the list');

// The list columns hold codes (the filters search by them); the card shows their Chinese labels, from the same
// vocabulary as the 案卷 tab (GET /api/complaints/vocabulary), the code as the tooltip.
const LABELLED_COLUMNS = { listCategory: 'category', listChannel: 'channel' };
let vocabulary = null;
let vocabularyRequested = false;

function readVocabulary() {
  vocabularyRequested = true;
  fetch('/api/complaints/vocabulary', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then((words) => { vocabulary = words; })
    .catch((e) => console.warn('ComplaintFlow: labels of the list columns not read', e))
    .finally(() => {
      const root = window.angular.element(document.body).injector();
      if (root) root.get('$rootScope').$applyAsync();
    });
}

custom.filter('cfColumnLabel', () => {
  const label = (value, column) => {
    const kind = LABELLED_COLUMNS[column];
    if (!kind || typeof value !== 'string') return value;
    if (!vocabulary) {
      if (!vocabularyRequested) readVocabulary();
      return value;
    }
    return (vocabulary[kind] && vocabulary[kind][value]) || value;
  };
  label.$stateful = true; // the words arrive after the first rendering
  return label;
});

// The card's columns (directive camTasklistVariables): the default rendering of a value, through the labels.
const COLUMN_VALUE = /(ng-switch-default[^>]*>\s*)\{\{ variablesByName\[info\.name\]\.value \}\}/;
decorateTemplate('camTasklistVariables', COLUMN_VALUE, '$1{{ variablesByName[info.name].value | cfColumnLabel:info.name }}',
  'the list shows codes, not their labels');

const style = document.createElement('style');
style.id = 'complaintflow-task-subject';
// the task's name and process float left: the subject takes a line of its own below the name
style.textContent = '.tasks-list .cf-task-subject { clear: both; margin: 2px 0; font-size: 13px; color: #333;'
  + ' overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }'
  + ' .tasks-list .cf-task-subject:empty { display: none; }';
document.head.appendChild(style);
