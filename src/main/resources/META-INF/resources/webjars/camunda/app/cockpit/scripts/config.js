// ComplaintFlow's Cockpit settings; replaces the config.js of Camunda's webjar (the project's classes come
// first on the classpath). Language, time zone and banner: ../complaintflow/webapp.js and docs/webapps.md.
export default {
  app: {
    name: '流程监控',
    vendor: 'ComplaintFlow'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  // webapp.js: language, time zone, banner; complaintflow/dashboard.js: the managers' dashboard and the
  // 投诉 SLA tab on process views; complaintflow/notices.js: the operators' banner on the dashboard;
  // complaintflow/heatmap.js: heat and path overlays on the diagrams
  customScripts: ['../complaintflow/webapp', 'complaintflow/dashboard', 'complaintflow/notices', 'complaintflow/heatmap']
};
