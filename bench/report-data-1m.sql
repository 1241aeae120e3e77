-- One million synthetic complaints (a year, 2025-11-22 .. 2026-11-22) with departments, deadlines, deadline events,
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
insert into complaint_deadline (case_number, deadline, duration_spec, started_at, warning_at, target_at, level2_at, state, stopped_at, updated_at)
select d.case_number, 'DEPARTMENT:' || d.department, 'P3D', d.assigned_at, d.assigned_at + interval '2 days',
  d.assigned_at + interval '3 days', d.assigned_at + interval '4 days',
  case when random() < 0.9 then 'FULFILLED' else 'BREACHED' end, d.assigned_at + random() * interval '4 days', d.assigned_at
from complaint_department d where d.case_number like 'P%';
insert into deadline_event (deadline_id, at, event, target_at)
select id, started_at, 'STARTED', target_at from complaint_deadline where case_number like 'P%';
insert into deadline_event (deadline_id, at, event, target_at)
select id, stopped_at, 'STOPPED', target_at from complaint_deadline where case_number like 'P%';
insert into escalation (case_number, deadline, department, level, escalated_to, at)
select c.case_number, c.deadline, substring(c.deadline from 12), 1, 'lead', c.target_at
from complaint_deadline c where c.state = 'BREACHED' and c.case_number like 'P%';
insert into timeline_entry (case_number, occurred_at, actor, kind, summary)
select case_number, created_at + interval '2 days', 'center', 'CUSTOMER_REJECTED', '客户不接受'
from complaint where case_number like 'P%' and random() < 0.03;
analyze;

-- Engine history for the diagram heat and the path view (docs/reports.md): per complaint one complaint-handling
-- instance and per department one department-handling instance, with every activity visit the engine writes
-- (automatic steps too, ~32 rows per complaint), the department variable of each department instance, and the
-- tasks still open. Complaints not CLOSED still wait: IN_PROGRESS at their department's task (its deadline running),
-- RESOLVED at the customer's confirmation. Engine timestamps are local time of the JVM; this assumes UTC.
update complaint_deadline k set stopped_at = null, state = 'RUNNING'
  from complaint c where c.case_number = k.case_number and c.status = 'IN_PROGRESS' and k.case_number like 'P%';
create temporary table cf_visit as
select c.case_number k, d.department, t0, t1, t2, t3, t4, t5, t5 + random() * interval '8 hours' t6, triaged,
  k.target_at dept_due
from complaint c
join complaint_department d on d.case_number = c.case_number and d.is_lead
join complaint_deadline k on k.case_number = c.case_number and k.deadline = 'DEPARTMENT:' || d.department
cross join lateral (select c.created_at at time zone 'UTC' t0, random() < 0.3 triaged) a
cross join lateral (select case when triaged then t0 + random() * interval '8 hours' else t0 end t1) b
cross join lateral (select case when c.status = 'IN_PROGRESS' then null
                                else k.stopped_at at time zone 'UTC' end t2) e
cross join lateral (select t2 + (0.5 + random() * 23.5) * interval '1 hour' t3) f
cross join lateral (select case when c.status = 'CLOSED' then t3 + random() * interval '48 hours' end t4) g
cross join lateral (select t4 + interval '2 days' t5) h
where c.case_number like 'P%';
insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
  duration_, start_act_id_, root_proc_inst_id_, state_)
select 'ch-' || k, 'ch-' || k, k, 'complaint-handling', 'complaint-handling:7:5d1c7a52-0b1e-11f1-9a3e-0242ac120002',
  t0, t6, extract(epoch from t6 - t0)::bigint * 1000, 'StartEvent_ComplaintReceived', 'ch-' || k,
  case when t6 is null then 'ACTIVE' else 'COMPLETED' end
from cf_visit;
insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
  duration_, start_act_id_, super_process_instance_id_, root_proc_inst_id_, state_)
select 'dh-' || k, 'dh-' || k, k, 'department-handling', 'department-handling:4:5d1f0e7b-0b1e-11f1-9a3e-0242ac120002',
  t1, t2, extract(epoch from t2 - t1)::bigint * 1000, 'StartEvent_DepartmentAssigned', 'ch-' || k, 'ch-' || k,
  case when t2 is null then 'ACTIVE' else 'COMPLETED' end
from cf_visit;
insert into act_hi_varinst (id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_, execution_id_, name_,
  var_type_, create_time_, rev_, text_, state_)
select 'var-' || k, 'department-handling', 'department-handling:4:5d1f0e7b-0b1e-11f1-9a3e-0242ac120002', 'ch-' || k,
  'dh-' || k, 'dh-' || k, 'department', 'string', t1, 0, department, 'CREATED'
from cf_visit;
-- the load is faster without the history indexes: dropped here, created again below (the engine's and ours)
create temporary table cf_actinst_indexes as
  select indexdef from pg_indexes where tablename = 'act_hi_actinst' and indexname <> 'act_hi_actinst_pkey';
do $$ declare i record; begin
  for i in select indexname from pg_indexes where tablename = 'act_hi_actinst' and indexname <> 'act_hi_actinst_pkey'
  loop execute 'drop index ' || i.indexname; end loop; end $$;
insert into act_hi_actinst (id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_, execution_id_,
  act_id_, task_id_, call_proc_inst_id_, act_name_, act_type_, start_time_, end_time_, duration_, act_inst_state_,
  sequence_counter_)
select 'ai-' || v.k || '-' || s.seq, 'complaint-handling', 'complaint-handling:7:5d1c7a52-0b1e-11f1-9a3e-0242ac120002',
  'ch-' || v.k, 'ch-' || v.k, 'ch-' || v.k, s.act, case when s.type = 'userTask' then 'task-' || v.k || '-' || s.seq end,
  case when s.type = 'callActivity' then 'dh-' || v.k end, s.act, s.type, s.st, s.en,
  extract(epoch from s.en - s.st)::bigint * 1000, case when s.en is null then 0 else 1 end, s.seq
from cf_visit v
cross join lateral (values
  (1, 'StartEvent_ComplaintReceived', 'startEvent', v.t0, v.t0), (2, 'Task_GradeComplaint', 'businessRuleTask', v.t0, v.t0),
  (3, 'Task_RouteComplaint', 'businessRuleTask', v.t0, v.t0), (4, 'Task_DetermineDeadlines', 'businessRuleTask', v.t0, v.t0),
  (5, 'Task_StartClocks', 'serviceTask', v.t0, v.t0), (6, 'Gateway_ResolvedAtIntake', 'exclusiveGateway', v.t0, v.t0),
  (7, 'Gateway_ReviewRequired', 'exclusiveGateway', v.t0, v.t0),
  (8, 'Task_ReviewTriage', 'userTask', case when v.triaged then v.t0 end, v.t1),
  (9, 'Task_ApplyTriage', 'serviceTask', case when v.triaged then v.t1 end, v.t1),
  (10, 'Gateway_RegulatorCase', 'inclusiveGateway', v.t1, v.t1), (11, 'Activity_ResolveComplaint', 'subProcess', v.t1, v.t3),
  (12, 'StartEvent_Resolve', 'startEvent', v.t1, v.t1), (13, 'Gateway_ToDepartments', 'exclusiveGateway', v.t1, v.t1),
  (14, 'Activity_DepartmentHandling#multiInstanceBody', 'multiInstanceBody', v.t1, v.t2),
  (15, 'Activity_DepartmentHandling', 'callActivity', v.t1, v.t2),
  (16, 'Task_CollectDepartmentResults', 'serviceTask', v.t2, v.t2), (17, 'Gateway_AnyTransferred', 'exclusiveGateway', v.t2, v.t2),
  (18, 'Gateway_ToAnswer', 'exclusiveGateway', v.t2, v.t2), (19, 'Task_AnswerCustomer', 'userTask', v.t2, v.t3),
  (20, 'Task_DeliverAnswer', 'serviceTask', v.t3, v.t3), (21, 'EndEvent_Resolved', 'noneEndEvent', v.t3, v.t3),
  (22, 'Task_ConfirmWithCustomer', 'userTask', v.t3, v.t4), (23, 'Gateway_CustomerAccepts', 'exclusiveGateway', v.t4, v.t4),
  (24, 'Task_CloseComplaint', 'serviceTask', v.t4, v.t4), (25, 'Gateway_AwaitCallback', 'eventBasedGateway', v.t4, v.t5),
  (26, 'Event_CallbackDue', 'intermediateTimer', v.t4, v.t5), (27, 'Task_SatisfactionCallback', 'userTask', v.t5, v.t6),
  (28, 'EndEvent_ComplaintClosed', 'noneEndEvent', v.t6, v.t6)) s(seq, act, type, st, en)
where s.st is not null;
insert into act_hi_actinst (id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_, execution_id_,
  act_id_, task_id_, act_name_, act_type_, start_time_, end_time_, duration_, act_inst_state_, sequence_counter_)
select 'ai-' || v.k || '-d' || s.seq, 'department-handling',
  'department-handling:4:5d1f0e7b-0b1e-11f1-9a3e-0242ac120002', 'ch-' || v.k, 'dh-' || v.k, 'dh-' || v.k, s.act,
  case when s.type = 'userTask' then 'task-' || v.k || '-d' || s.seq end, s.act, s.type, s.st, s.en,
  extract(epoch from s.en - s.st)::bigint * 1000, case when s.en is null then 0 else 1 end, s.seq
from cf_visit v
cross join lateral (values
  (1, 'StartEvent_DepartmentAssigned', 'startEvent', v.t1, v.t1), (2, 'Gateway_ToDepartmentClock', 'exclusiveGateway', v.t1, v.t1),
  (3, 'Task_StartDepartmentClock', 'serviceTask', v.t1, v.t1), (4, 'Task_HandleComplaint', 'userTask', v.t1, v.t2),
  (5, 'Gateway_Outcome', 'exclusiveGateway', v.t2, v.t2), (6, 'EndEvent_ResolutionProposed', 'noneEndEvent', v.t2, v.t2)) s(seq, act, type, st, en)
where s.st is not null;
do $$ declare i record; begin
  for i in select indexdef from cf_actinst_indexes loop execute i.indexdef; end loop; end $$;
-- the open tasks with their due dates (a department's task is due at its deadline's target, a confirmation in 2 days)
insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
  execution_id_, act_inst_id_, name_, start_time_, due_date_, priority_, task_state_)
select a.task_id_, a.act_id_, a.proc_def_key_, a.proc_def_id_, a.root_proc_inst_id_, a.proc_inst_id_, a.execution_id_,
  a.id_, a.act_name_, a.start_time_,
  case when a.act_id_ = 'Task_HandleComplaint' then v.dept_due at time zone 'UTC' else a.start_time_ + interval '2 days' end,
  50, 'Created'
from act_hi_actinst a join cf_visit v on 'ch-' || v.k = a.root_proc_inst_id_
where a.end_time_ is null and a.act_type_ = 'userTask';
vacuum analyze act_hi_actinst;
analyze;
-- the heat's rollups (docs/reports.md) hold what the application saw; this history was written behind its back:
-- the next start fills them from it: the open stays before it serves, the rest in the background (docs/reports.md)
delete from heat_rollup_state;
