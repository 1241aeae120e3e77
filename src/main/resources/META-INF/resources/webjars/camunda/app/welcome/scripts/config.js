// ComplaintFlow's Welcome settings; replaces the config.js of Camunda's webjar (the project's classes come
// first on the classpath). Language, time zone and banner: ../complaintflow/webapp.js and docs/webapps.md.
export default {
  app: {
    name: '首页',
    vendor: 'ComplaintFlow'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  customScripts: ['../complaintflow/webapp']
};
