// ComplaintFlow's additions to Camunda's webapps (Tasklist, Cockpit, Admin, Welcome), loaded by each app's
// scripts/config.js as a custom script before AngularJS starts:
// - Chinese for everyone unless this browser chose English (?lang=en, remembered; ?lang=zh switches back);
// - dates and times in the business time zone (complaintflow.zone), whatever the browser's zone;
// - the operator's banner line (complaintflow.webapp.banner) instead of Camunda's "migrate to Camunda 8";
// - in Tasklist's forms, 请选择 where Camunda Forms writes "Select", its field checks' messages in Chinese, and a
//   refused submission's message without Camunda REST's English prefix.
import settings from './settings.js';

const LANGUAGE_KEY = 'complaintflow.language';
const app = document.querySelector('base').getAttribute('app-name');
const custom = window.angular.module(`cam.${app}.custom`);

function chosenLanguage() {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'en' || asked === 'zh') {
    window.localStorage.setItem(LANGUAGE_KEY, asked);
  }
  return window.localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh';
}

// Camunda's own rule takes the browser's first language, which would show English to every en-US browser.
custom.config(['$translateProvider', ($translateProvider) => {
  $translateProvider.determinePreferredLanguage(chosenLanguage);
}]);

// The date pickers (e.g. a task's 跟进时间 and 期限 in Tasklist, Cockpit's filters) take month and day names from
// AngularJS's $locale, which the webapps ship in English only ("December", "Mon"): in Chinese they read 十二月, 周一,
// titled 2026年十二月, weeks starting on Monday.
if (chosenLanguage() === 'zh') {
  custom.config(['$provide', ($provide) => {
    $provide.decorator('$locale', ['$delegate', ($locale) => {
      const months = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
      Object.assign($locale.DATETIME_FORMATS, {
        MONTH: months.map((m) => `${m}月`),
        SHORTMONTH: months.map((m, i) => `${i + 1}月`),
        STANDALONEMONTH: months.map((m) => `${m}月`),
        DAY: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
        SHORTDAY: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
        AMPMS: ['上午', '下午'],
        FIRSTDAYOFWEEK: 0
      });
      return $locale;
    }]);
  }]);
  custom.run(['$injector', ($injector) => {
    if ($injector.has('uibDatepickerConfig')) {
      Object.assign($injector.get('uibDatepickerConfig'), {
        formatDayTitle: 'yyyy年 MMMM', formatMonthTitle: 'yyyy年', formatDayHeader: 'EEE', startingDay: 1
      });
    }
  }]);
}

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: settings.zone, hourCycle: 'h23',
  year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric'
});

function toInstant(value) {
  if (value instanceof Date || typeof value === 'number') {
    return new Date(value);
  }
  // Only strings with an offset are instants (the REST API writes +0800); others already are wall-clock times.
  if (typeof value === 'string' && /(Z|[+-]\d\d:?\d\d)$/i.test(value)) {
    return new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  }
  return null;
}

// Camunda formats dates with moment in the browser's zone and 7.24 has no setting for another one, so the
// filters get a Date whose browser-local fields are the wall-clock time of the instant in the business zone.
function inBusinessZone(value) {
  const instant = toInstant(value);
  if (!instant || Number.isNaN(instant.getTime())) {
    return value;
  }
  const part = Object.fromEntries(wallClock.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return new Date(part.year, part.month - 1, part.day, part.hour, part.minute, part.second,
    instant.getMilliseconds());
}

custom.decorator('camDateFilter', ['$delegate', (camDate) =>
  (value, format) => camDate(inBusinessZone(value), format)]);

custom.decorator('dateFilter', ['$delegate', (date) =>
  (value, format, timezone) => date(timezone ? value : inBusinessZone(value), format, timezone)]);

// The footer says "Date and Time displayed in local timezone: <the browser's zone>".
custom.decorator('camWidgetFooterDirective', ['$delegate', (directives) => {
  const footer = directives[0];
  const link = footer.link;
  footer.compile = () => function linkWithBusinessZone(scope, ...rest) {
    link.call(this, scope, ...rest);
    scope.timezoneName = settings.zone;
  };
  return directives;
}]);

const CAMUNDA_BANNER = /<div ng-if="isCommunityEdition"[^>]*>\s*<\/div>/;
const OPERATOR_BANNER =
  '<div ng-if="$root.complaintflowBanner" class="ce-eol-banner" ng-bind="$root.complaintflowBanner"></div>';

custom.decorator('camWidgetHeaderDirective', ['$delegate', (directives) => {
  const header = directives[0];
  if (!CAMUNDA_BANNER.test(header.template)) {
    console.warn('ComplaintFlow: Camunda\'s banner not found in the header template; banner left as it is');
  }
  header.template = header.template.replace(CAMUNDA_BANNER, OPERATOR_BANNER);
  return directives;
}]);

custom.run(['$rootScope', ($rootScope) => {
  $rootScope.complaintflowBanner = settings.banner;
}]);

// A refused form submission reads "Cannot submit task form <task id>: <our message naming the field>" (Camunda REST's
// wording); the handler needs only our message.
const REST_PREFIX = /^Cannot (submit task form|complete task) [0-9a-f-]+: /;
custom.decorator('Notifications', ['$delegate', (notifications) => {
  const add = notifications.add;
  notifications.add = function addWithoutRestPrefix(notification) {
    if (notification && typeof notification.message === 'string') {
      notification.message = notification.message.replace(REST_PREFIX, '');
    }
    return add.call(this, notification);
  };
  return notifications;
}]);

// Camunda Forms (form-js) writes the English word "Select" into every empty select, whatever the language (it is
// not translatable); a Chinese form says 请选择 instead, in the same size and colour.
if (app === 'tasklist' && chosenLanguage() === 'zh') {
  const style = document.createElement('style');
  style.id = 'complaintflow-form-words';
  style.textContent = '.fjs-select-placeholder { font-size: 0; }'
    + ' .fjs-select-placeholder::before { content: "请选择"; font-size: 14px; }';
  document.head.appendChild(style);
}

// Camunda Forms' own field checks write English under the field ("Field is required.", "Field must have minimum value
// of 0.", …) and form-js has no way to translate them: each message it puts into a field's error list is replaced by
// its Chinese wording as it appears. form-js (Preact) compares a message with the one it rendered before, not with
// the page, so a translated message stays translated until the check's result changes, and then is translated again.
const FORM_CHECKS = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must have minimum value of (.+)\.$/, (min) => `不能小于 ${min}。`],
  [/^Field must have maximum value of (.+)\.$/, (max) => `不能大于 ${max}。`],
  [/^Field must have minimum length of (\d+)\.$/, (n) => `至少填写 ${n} 个字。`],
  [/^Field must have maximum length of (\d+)\.$/, (n) => `最多填写 ${n} 个字。`],
  [/^Field must match pattern (.+)\.$/, (pattern) => `格式不符合要求（${pattern}）。`],
  [/^Field must be a valid +international phone number\..*$/, () => '请填写有效的国际格式电话号码，例如 +8613812345678。'],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮件地址。'],
  [/^Value is not a number\.$/, () => '请填写数字。'],
  [/^Value is expected to be an integer\.$/, () => '请填写整数。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (n) => `最多保留 ${n} 位小数。`],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    (a, b) => `数值不符合步长，最接近的有效值为 ${a} 和 ${b}。`],
  [/^Date and time must both be entered\.$/, () => '日期和时间须同时填写。'],
  [/^Date must match pattern .*$/, () => '日期格式应为 年-月-日。'],
  [/^Time must match pattern .*$/, () => '时间格式应为 时:分。']
];

function chineseFormCheck(message) {
  for (const [english, chinese] of FORM_CHECKS) {
    const match = english.exec(message);
    if (match) {
      return chinese(...match.slice(1));
    }
  }
  return message;
}

function translateFormChecks(root) {
  root.querySelectorAll('.fjs-form-field-error li').forEach((item) => {
    // the text node itself, not the item's content: form-js writes its next message into the node it created
    item.childNodes.forEach((node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const chinese = chineseFormCheck(node.data);
        if (chinese !== node.data) {
          node.data = chinese;
        }
      }
    });
  });
}

if (app === 'tasklist' && chosenLanguage() === 'zh') {
  let scheduled = false;
  new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      // once per frame, however many nodes form-js changed
      window.requestAnimationFrame(() => {
        scheduled = false;
        translateFormChecks(document);
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
}
