#!/usr/bin/env python3
"""Issue 21, one word per concept: a complaint's deadline was called a "clock" in the code (sla/Clock, ClockService,
...). Renames the concept to "deadline" in the Java sources. Repeatable: run from the repository root; a second run
changes nothing. Kept on purpose (contracts and real clocks):
  - BusinessClock, java.time.Clock, Camunda's ClockUtil and every `clock` that is one of those (the time source);
  - string literals: SQL (table complaint_clock, clock_event, column clock), process variables (clocks, clock,
    departmentClockStarted) and bean names (departmentClock) that deployed models and running instances use;
  - comments about the engine's, the business or the wall clock.
"""
import os, re, subprocess, sys

def segments(src):
    """Java source as (kind, text): kind is code, comment or string (text blocks and char literals included)."""
    res, i, start, n = [], 0, 0, len(src)
    def cut(kind, j):
        res.append(('code', src[start:i])); res.append((kind, src[i:j]))
    while i < n:
        if src.startswith('"""', i):
            j = src.find('"""', i + 3)
            while src[j - 1] == '\\':
                j = src.find('"""', j + 1)
            cut('string', j + 3); i = start = j + 3; continue
        c = src[i]
        if c in '"\'':
            j = i + 1
            while src[j] != c:
                j += 2 if src[j] == '\\' else 1
            cut('string', j + 1); i = start = j + 1; continue
        if src.startswith('//', i):
            j = src.find('\n', i); j = n if j == -1 else j
            cut('comment', j); i = start = j; continue
        if src.startswith('/*', i):
            j = src.find('*/', i + 2) + 2
            cut('comment', j); i = start = j; continue
        i += 1
    res.append(('code', src[start:]))
    return res

TYPES = {  # everywhere in code and comments
    'DepartmentClockDelegate': 'DepartmentDeadlineDelegate', 'ClockDurationTest': 'DeadlineDurationTest',
    'ClockService': 'DeadlineService', 'ClockRepository': 'DeadlineRepository', 'ClockState': 'DeadlineState',
    'ClockDuration': 'DeadlineDuration', 'ClockTimers': 'DeadlineTimers', 'ClockStep': 'DeadlineStep',
    'ClockEvent': 'DeadlineEvent',
    'clockName': 'deadlineName', 'clockNames': 'deadlineNames', 'clockLabel': 'deadlineLabel', 'clockId': 'deadlineId',
    'clocksVariable': 'deadlinesVariable', 'stopClocks': 'stopDeadlines', 'clocks': 'deadlines',
    'mergingClosesTheDuplicateStopsItsClocksEndsItsTimersAndTasksAndLinksBoth':
        'mergingClosesTheDuplicateStopsItsDeadlinesEndsItsTimersAndTasksAndLinksBoth',
    'aPausedClocksDeadlineMovesByThePausedWorkingTime': 'aPausedDeadlineMovesByThePausedWorkingTime',
    'waitingForTheCustomerPausesTheClocksAndMovesTheDeadlinesByThePausedWorkingTime':
        'waitingForTheCustomerPausesTheDeadlinesAndMovesThemByThePausedWorkingTime',
}
# files whose lowercase `clock` is a deadline (everywhere else it is a BusinessClock or java.time.Clock)
DEADLINE_CLOCK_FILES = {
    'ModelGenerationTest', 'ReportFiguresTest', 'DeadlineScenarios', 'DeadlineLadderTest', 'Heatmap', 'Reports',
    'DeadlineDatesAdapter', 'ClockService', 'ClockRepository', 'DepartmentClockDelegate', 'ClockTimers',
    'ExtensionApprovalListener', 'EscalationService', 'EscalationDelegate', 'Escalated',
    'DeadlineService', 'DeadlineRepository', 'DepartmentDeadlineDelegate', 'DeadlineTimers',
}
JAVA_TIME_FILES = {'MailboxLease', 'RetentionScheduleTest'}  # `Clock` there is java.time.Clock
COMMENT_KEEP_FILES = {'Campaign315Test', 'PdcaReviewTest', 'GeneratedHostileInputTest', 'TestProfiles',
                      'SurgeAssessorTest', 'BusinessClock', 'EngineTime', 'MailboxLease', 'PublicRateLimiter'}
KEEP_PHRASE = re.compile(r'(wall[- ]|engine |business |\{@code )$', re.I)
FILE_RENAMES = {'Clock': 'Deadline', **{k: v for k, v in TYPES.items() if k[0].isupper()}}
STRINGS = {'"Invalid clock duration \'"': '"Invalid deadline duration \'"',
           '" is parked (clock paused)"': '" is parked (deadline paused)"'}

def word(m, table):
    return table.get(m.group(0), m.group(0))

def code(text, name):
    text = re.sub(r'\b\w*[Cc]lock\w*\b', lambda m: word(m, TYPES), text)
    if name not in JAVA_TIME_FILES:
        text = re.sub(r'(?<!time\.)\bClock\b', 'Deadline', text)
    if name in DEADLINE_CLOCK_FILES:
        text = re.sub(r'\bclock\b', 'deadline', text)
    return text

def comment(text, name):
    if 'JSON keeps the name' in text or 'deadlines stopped being called clocks' in text:
        return text  # written after the rename, about the names kept
    text = re.sub(r'\b\w*[Cc]lock\w*\b', lambda m: word(m, TYPES) if m.group(0) != 'clocks' else m.group(0), text)
    if name in COMMENT_KEEP_FILES:
        return text
    def prose(m):
        if KEEP_PHRASE.search(text[max(0, m.start() - 9):m.start()]):
            return m.group(0)
        w = m.group(0)
        new = {'clock': 'deadline', 'clocks': 'deadlines', 'Clock': 'Deadline', 'Clocks': 'Deadlines'}[w]
        return new
    return re.sub(r'\b(?:clock|clocks|Clock|Clocks)\b(?!-)', prose, text)

def rewrite(path):
    name = os.path.basename(path)[:-5]
    src = open(path, encoding='utf-8').read()
    out = []
    for kind, text in segments(src):
        if kind == 'code':
            out.append(code(text, name))
        elif kind == 'comment':
            out.append(comment(text, name))
        else:
            out.append(STRINGS.get(text, text))
    new = ''.join(out)
    if new != src:
        open(path, 'w', encoding='utf-8').write(new)
        return True
    return False

# docs: prose outside backticks; inside backticks only the renamed Java names (SQL and variable names stay)
DOC_KEEP_BEFORE = re.compile(r'(wall[- ]|engine |2037 |controlled |the engine\'s |business |season on the\s+)$', re.I)
DOC_KEEP_AFTER = re.compile(r'^( skew| ticks|-)')

def doc(path):
    src = open(path, encoding='utf-8').read()
    if path == 'docs/glossary.md':
        return False  # its section "Words in the code" says which names still say clock
    kept = [line for line in src.split('\n') if 'glossary.md#words-in-the-code' in line]  # the before/after row
    parts = re.split(r'(`[^`\n]*`|.*glossary\.md#words-in-the-code.*)', src)
    out = []
    for part in parts:
        if part in kept:
            out.append(part)
            continue
        if part.startswith('`'):
            out.append(re.sub(r'\b\w*Clock\w*\b', lambda m: word(m, TYPES), part).replace('`Clock`', '`Deadline`'))
            continue
        def prose(m):
            if DOC_KEEP_BEFORE.search(part[max(0, m.start() - 16):m.start()]) \
                    or DOC_KEEP_AFTER.search(part[m.end():m.end() + 6]):
                return m.group(0)
            return {'clock': 'deadline', 'clocks': 'deadlines', 'Clock': 'Deadline', 'Clocks': 'Deadlines'}[m.group(0)]
        part = re.sub(r'\b\w*Clock\w*\b', lambda m: word(m, TYPES), part)
        out.append(re.sub(r'\b(?:clock|clocks|Clock|Clocks)\b', prose, part))
    new = ''.join(out)
    if new != src:
        open(path, 'w', encoding='utf-8').write(new)
        return True
    return False

def main():
    files = subprocess.check_output(['git', 'ls-files', '*.java'], text=True).split()
    changed = [f for f in files if rewrite(f)]
    docs = subprocess.check_output(['git', 'ls-files', 'docs/*.md', 'bench/README.md'], text=True).split()
    changed += [f for f in docs if doc(f)]
    for f in files:
        base = os.path.basename(f)[:-5]
        if base in FILE_RENAMES and '/sla/' in f:
            target = os.path.join(os.path.dirname(f), FILE_RENAMES[base] + '.java')
            subprocess.check_call(['git', 'mv', f, target])
    print(f'{len(changed)} files rewritten')

if __name__ == '__main__':
    main()
