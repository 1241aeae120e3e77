-- The heat's filters on the complaints waiting now (report/OpenStayQueries): the open stays are joined with the
-- complaints of one grade, channel or regulator — and any two or three of them at once. Each index leads with one of
-- the three and holds the others and the case number, so every filter reads its complaints from one index alone
-- (index-only), not from the whole complaint table.
create index ix_complaint_grade_filter on complaint (grade, channel, regulator, case_number);
create index ix_complaint_channel_filter on complaint (channel, regulator, grade, case_number);
create index ix_complaint_regulator_filter on complaint (regulator, grade, channel, case_number);
