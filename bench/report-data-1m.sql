-- One million synthetic complaints (a year, 2025-11-22 .. 2026-11-22) with departments, clocks, clock events,
-- escalations and rejections, to measure the report queries at scale (docs/reports.md).
-- Run against a database whose schema the application created:  psql -d DB -f bench/report-data-1m.sql
select setseed(0.315);
insert into complaint (case_number, channel, customer_name, customer_phone, category, subject, description, status,
  grade, repeat_count, reopen_count, satisfaction_score, callback_resolved, created_at, updated_at, closed_at)
select 'P' || lpad(g::text, 9, '0'),
  (array['hotline','wechat','web','email','app','store','internal','regulator','media'])[1 + floor(random()*9)::int],
  '客户', '139' || lpad((g % 100000000)::text, 8, '0'),
  (array['product-quality','after-sales','billing','delivery','service-attitude','contract','marketing','privacy','safety','other'])[1 + floor(random()*10)::int],
  '主题', '描述',
  case when random() < 0.85 then 'CLOSED' when random() < 0.5 then 'IN_PROGRESS' else 'RESOLVED' end,
  (array['G1','G1','G1','G1','G2','G2','G3','G4'])[1 + floor(random()*8)::int],
  0, case when random() < 0.03 then 1 else 0 end,
  1 + floor(random()*5)::int, random() < 0.8,
  timestamptz '2025-11-22 00:00:00+08' + (g / 1000000.0) * interval '365 days',
  timestamptz '2025-11-22 00:00:00+08' + (g / 1000000.0) * interval '365 days', null
from generate_series(1, 1000000) g;
update complaint set closed_at = created_at + (1 + random()*9) * interval '1 day'
  where status = 'CLOSED';
update complaint set satisfaction_score = null, callback_resolved = null where status <> 'CLOSED';
insert into complaint_department (case_number, department, is_lead, state, assigned_at, updated_at)
select case_number, (array['quality','after-sales','billing','logistics','sales','tech','legal','pr'])[1 + floor(random()*8)::int],
  true, case when random() < 0.05 then 'TRANSFERRED' else 'PROPOSED' end, created_at, created_at + interval '1 day'
from complaint where case_number like 'P%';
insert into complaint_clock (case_number, clock, duration_spec, started_at, warning_at, target_at, level2_at, state, stopped_at, updated_at)
select d.case_number, 'DEPARTMENT:' || d.department, 'P3D', d.assigned_at, d.assigned_at + interval '2 days',
  d.assigned_at + interval '3 days', d.assigned_at + interval '4 days',
  case when random() < 0.9 then 'FULFILLED' else 'BREACHED' end, d.assigned_at + random() * interval '4 days', d.assigned_at
from complaint_department d where d.case_number like 'P%';
insert into clock_event (clock_id, at, event, target_at)
select id, started_at, 'STARTED', target_at from complaint_clock where case_number like 'P%';
insert into clock_event (clock_id, at, event, target_at)
select id, stopped_at, 'STOPPED', target_at from complaint_clock where case_number like 'P%';
insert into escalation (case_number, clock, department, level, escalated_to, at)
select c.case_number, c.clock, substring(c.clock from 12), 1, 'lead', c.target_at
from complaint_clock c where c.state = 'BREACHED' and c.case_number like 'P%';
insert into timeline_entry (case_number, occurred_at, actor, kind, summary)
select case_number, created_at + interval '2 days', 'center', 'CUSTOMER_REJECTED', '客户不接受'
from complaint where case_number like 'P%' and random() < 0.03;
analyze;
