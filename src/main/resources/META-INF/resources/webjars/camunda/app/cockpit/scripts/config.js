// ComplaintFlow's Cockpit configuration (replaces the one shipped in Camunda's webjar).
export default {
  app: {
    name: 'Cockpit',
    vendor: 'ComplaintFlow'
  },
  // the managers' dashboard and the SLA panel on process views (complaintflow/dashboard.js)
  customScripts: ['complaintflow/dashboard']
};
