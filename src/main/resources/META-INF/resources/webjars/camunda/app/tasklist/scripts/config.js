// ComplaintFlow's Tasklist settings; replaces the config.js of Camunda's webjar (the project's classes come
// first on the classpath). Language, time zone and banner: ../complaintflow/webapp.js and docs/webapps.md.
export default {
  app: {
    name: '任务列表',
    vendor: 'ComplaintFlow'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  // webapp.js: language, time zone, banner; complaintflow/casefile.js: the 案卷 tab beside every task (the
  // complaint and its live timeline, read from /api/complaints); complaintflow/cards.js: each task's complaint
  // subject in the task list (read from /api/complaints as well)
  customScripts: ['../complaintflow/webapp', 'complaintflow/casefile', 'complaintflow/cards'],

  // Camunda's shipped shortcuts, kept because this file replaces theirs.
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '焦点移到过滤器列表中的第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '焦点移到任务列表中的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开“发起流程”对话框'
    }
  }
};
