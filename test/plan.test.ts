import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../src/core/dates.js';
import { fit, fitAround } from '../src/render/style.js';
import { json, ok, ROOT, run, seed, tempDir } from './helpers/cli.js';

const TINY = join(ROOT, 'test', 'fixtures', 'tiny.md');
const COURSES = join(ROOT, 'test', 'fixtures', 'course-table.md');
// Monday 2 March 2026: every plan here starts on it (the day of import).
const MONDAY = '2026-03-02T09:00:00';
// The clock formatDay takes the current year from in this process: the year of the CLI's clock here.
process.env.AI_LEARN_NOW = MONDAY;

function home000() {
  const home = tempDir();
  ok(home, ['import', seed('000')], { now: MONDAY });
  return home;
}

describe('the dated plan', () => {
  it('starts on the import day with the roadmap defaults: 000 is 36 weeks at 4 h/week on Mon/Wed/Sat', () => {
    const plan = json(home000(), ['plan']);
    expect(plan).toMatchObject({
      roadmap: '6-Month Roadmap to Frontier AI Skills',
      start: '2026-03-02',
      hoursPerWeek: 4,
      days: ['mon', 'wed', 'sat'],
      totalWeeks: 36,
      finish: '2026-11-08',
      requiredHoursPerWeek: 4,
    });
    expect(plan.sections[0]).toEqual({ title: 'Phase 1: Foundations (Weeks 1-8)', start: '2026-03-02', end: '2026-04-26' });
    expect(plan.sections[4]).toEqual({ title: 'Phase 5: Mastery (Weeks 33-36)', start: '2026-10-12', end: '2026-11-08' });
    expect(plan.weeks[0]).toMatchObject({ week: 1, start: '2026-03-02', items: [1, 2] });
    expect(plan.weeks).toHaveLength(36);
    expect(plan.milestones.map((m: any) => [m.week, m.date])).toEqual([
      [8, '2026-04-26'],
      [16, '2026-06-21'],
      [20, '2026-07-19'],
      [24, '2026-08-16'],
      [32, '2026-10-11'],
      [36, '2026-11-08'],
    ]);
    // "During Project Phases: Scale to 6-8 hours/week": weeks with project work target 7 hours.
    expect(plan.weeks[3].targetHours).toBe(7);
    expect(plan.weeks[0].targetHours).toBe(4);
  });

  it('shrinks with more hours: 000 at 8 h/week is 18 weeks, about four months', () => {
    const home = home000();
    const plan = json(home, ['plan', '--hours', '8']);
    expect(plan).toMatchObject({ hoursPerWeek: 8, totalWeeks: 18, finish: '2026-07-05' });
    expect(plan.milestones[0]).toMatchObject({ week: 4, date: '2026-03-29' });
    // Stored: plain `plan` shows the same.
    expect(json(home, ['plan']).totalWeeks).toBe(18);
    expect(ok(home, ['plan'])).toContain('Start Mon, Mar 2 · 8 h/week (the roadmap assumes 4)');
  });

  it('answers how many hours a target length takes, and warns above the learner\'s hours', () => {
    const home = home000();
    const plan = json(home, ['plan', '--weeks', '16']);
    expect(plan).toMatchObject({ totalWeeks: 16, requiredHoursPerWeek: 9, hoursPerWeek: 4, finish: '2026-06-21' });
    expect(plan.warnings).toEqual(['Finishing in 16 weeks takes 9 hours/week, more than the 4 you planned.']);
    expect(json(home, ['plan', '--weeks', '40']).warnings).toEqual([]);
  });

  it('plans a roadmap with nothing in scope (every item optional) as one week, with --weeks too', () => {
    const home = tempDir();
    const file = join(tempDir(), 'optional.md');
    writeFileSync(file, '# All Optional\n\n## Phase 1: Optional: Extras\n\n- [ ] Try mixed precision\n- [ ] Try gradient checkpointing\n');
    ok(home, ['import', file], { now: MONDAY });
    const made = json(home, ['plan', '--weeks', '3'], { now: MONDAY });
    expect(made).toMatchObject({ totalWeeks: 1, finish: '2026-03-08', weeks: [{ week: 1, items: [] }] });
    // Read back from the kept plan table, the same (a NaN there would come back as null).
    expect(json(home, ['plan'], { now: MONDAY })).toEqual(made);
    expect(ok(home, ['plan'], { now: MONDAY })).toContain('1 weeks · finish Sun, Mar 8');
    expect(json(home, ['week'], { now: MONDAY })).toMatchObject({ week: 1, planned: [] });
  });

  it('leaves earlier parts out with --from: they are outside the totals and the plan starts there', () => {
    const home = home000();
    const plan = json(home, ['plan', '--from', 'Phase 2']);
    expect(plan.sections[0]).toEqual({ title: 'Phase 2: Practical Skills (Weeks 9-16)', start: '2026-03-02', end: '2026-04-26' });
    expect(plan.totalWeeks).toBe(28);
    const phase1 = json<any[]>(home, ['show', 'Phase 1']);
    expect(plan.leftOut).toEqual(phase1.map((i) => i.number));
    const p = json(home, ['progress']);
    expect(p.items.total).toBe(json<any[]>(home, ['show']).length - phase1.length);
    expect(p.outside).toBe(phase1.length);
    expect(p.next[0].text).toBe('LoRA paper (Low-Rank Adaptation)');
  });

  it('refuses a section that does not exist, storing nothing', () => {
    const home = home000();
    const r = run(home, ['plan', '--from', 'Phase 9']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('ai-learn: No section matches "Phase 9" for --from; `ai-learn show` lists the sections.');
    expect(json(home, ['plan']).totalWeeks).toBe(36);
    expect(run(home, ['plan', '--hours', 'lots']).stderr).toContain('--hours takes a number above 0');
    expect(run(home, ['plan', '--days', 'mon,funday']).code).toBe(2);
  });

  it('gives every phase of 004 dates from its months-to-phases sequence; optional Phase 6 only when included', () => {
    const home = tempDir();
    ok(home, ['import', seed('004')], { now: MONDAY });
    const plan = json(home, ['plan']);
    const start = (title: string) => plan.sections.find((s: any) => s.title.startsWith(title))?.start;
    expect(start('Phase 0')).toBe('2026-03-02');
    expect(start('Phase 2')).toBe('2026-04-27'); // month 3 = week 9
    expect(start('Phase 3')).toBe('2026-06-22'); // month 5 = week 17
    expect(start('Phase 4')).toBe('2026-09-14'); // month 8 = week 29
    expect(start('Phase 5')).toBe('2026-12-07'); // month 11 = week 41
    expect(start('Phase 6')).toBeUndefined();
    const included = json(home, ['plan', '--include', 'Phase 6']);
    expect(included.include).toEqual(['Phase 6 — Specialization tracks (choose 1–2)']);
    expect(included.sections.find((s: any) => s.title.startsWith('Phase 6')).start).toBe('2027-02-01'); // week 49
    const withPhase6 = json(home, ['progress']).outside;
    const phase6 = json<any[]>(home, ['show', 'Phase 6']);
    expect(phase6.every((i) => i.optional)).toBe(true);
    json(home, ['plan', '--exclude', 'Phase 6']);
    expect(json(home, ['progress']).outside).toBe(withPhase6 + phase6.length);
    // A section without optional items has nothing to opt into: refused, and nothing stored.
    const settings = json(home, ['plan']);
    const refused = run(home, ['plan', '--include', 'Phase 2']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^ai-learn: "Phase 2[^"]*" holds no optional items: all of it is in the plan already\.\n$/);
    expect(json(home, ['plan'])).toEqual(settings);
  });

  it('opts into the first section a name matches that holds optional items', () => {
    const home = tempDir();
    ok(home, ['import', TINY], { now: MONDAY });
    // "phase" matches "Phase 1: Basics" first, which holds none.
    expect(json(home, ['plan', '--include', 'phase']).include).toEqual(['Phase 2: Optional: Extras (Weeks 3-4)']);
  });

  it('plans a course table by duration × effort at 20 h/week', () => {
    const home = tempDir();
    ok(home, ['import', COURSES], { now: MONDAY });
    const plan = json(home, ['plan', '--hours', '20']);
    expect(plan.totalWeeks).toBe(15);
    expect(plan.finish).toBe('2026-06-14');
    const weeksOf = (n: number) => plan.weeks.filter((w: any) => w.items.includes(n)).map((w: any) => w.week);
    expect(weeksOf(1)).toEqual([1, 2, 3, 4, 5, 6]); // 104 h
    expect(weeksOf(2)).toEqual([6, 7, 8, 9]); // 13 weeks × 5 h
    expect(weeksOf(4)).toEqual([13, 14, 15]); // 40 h capstone
  });
});

describe('every day', () => {
  it('today: the rhythm activity, the week\'s items, where to start, and the chain', () => {
    const home = home000();
    const wed = ok(home, ['today'], { now: '2026-03-04T08:00:00', env: { NO_COLOR: '1' } });
    expect(wed).toContain('Wed, Mar 4 · plan week 1 of 36');
    expect(wed).toContain('Today: Implementation/coding, 1.5 h');
    expect(wed).toContain('Start with #1: ai-learn start 1');
    expect(ok(home, ['today'], { now: '2026-03-05T08:00:00' })).toContain('Today is a day off (study days: Mon, Wed, Sat).');
    // Week 3 with nothing done: weeks 1-2 are overdue.
    const late = json(home, ['today'], { now: '2026-03-16T08:00:00' });
    expect(late.week).toBe(3);
    expect(late.overdue.map((i: any) => i.number)).toEqual([1, 2, 3, 4]); // weeks 1-2 held items 1 to 4
    expect(late.items.map((i: any) => i.number)).toEqual([5, 6, 7]);
  });

  it('week N: what was planned, what was done and the time logged', () => {
    const home = home000();
    ok(home, ['done', '1'], { now: '2026-03-03T20:00:00' });
    ok(home, ['log', '45m', '2', '-m', 'Adam vs SGD'], { now: '2026-03-04T20:00:00' });
    const w = json(home, ['week', '1'], { now: '2026-03-05T08:00:00' });
    expect(w).toMatchObject({ week: 1, start: '2026-03-02', end: '2026-03-08', targetHours: 4, loggedHours: 0.8 });
    expect(w.planned.map((i: any) => [i.number, i.status])).toEqual([[1, 'done'], [2, 'todo']]);
    expect(w.sessions).toEqual([{ day: '2026-03-04', minutes: 45, item: 2, note: 'Adam vs SGD' }]);
    expect(run(home, ['week', '99']).stderr).toContain('there is no week 99');
  });

  it('week N lists items done in it though planned in another, and sessions on an item gone from the file without it', () => {
    const home = tempDir();
    const file = join(tempDir(), 'tiny.md');
    writeFileSync(file, readFileSync(TINY, 'utf8'));
    ok(home, ['import', file], { now: MONDAY });
    // Week 1 holds items 1 to 3, week 2 items 4 to 7 (Tiny's own weeks).
    ok(home, ['done', '6'], { now: '2026-03-03T20:00:00' });
    ok(home, ['done', '5'], { now: '2026-03-04T20:00:00' });
    ok(home, ['reset', '5'], { now: '2026-03-04T21:00:00' }); // no longer done: not listed
    ok(home, ['done', '2'], { now: '2026-03-10T20:00:00' }); // planned in week 1, done in week 2
    ok(home, ['log', '30m', '3'], { now: '2026-03-05T20:00:00' });
    ok(home, ['log', '20m', '1'], { now: '2026-03-06T20:00:00' });
    writeFileSync(file, readFileSync(file, 'utf8').replace('- [ ] Write a two-layer network with autograd\n', ''));
    ok(home, ['import', file], { now: '2026-03-07T09:00:00' });
    const w1 = json(home, ['week', '1'], { now: '2026-03-11T08:00:00' });
    expect(w1.planned).toEqual([
      { number: 1, text: 'Install PyTorch and run a matrix multiply on the GPU', kind: 'task', status: 'todo', doneOn: null },
      { number: 2, text: 'Read "Deep Residual Learning for Image Recognition" (2015)', kind: 'reading', status: 'done', doneOn: '2026-03-10' },
    ]);
    expect(w1.doneElsewhere).toEqual([{ number: 6, text: 'The PyTorch tutorials', kind: 'resource', status: 'done', doneOn: '2026-03-03' }]);
    expect(w1.sessions).toEqual([
      { day: '2026-03-05', minutes: 30, item: null, note: null },
      { day: '2026-03-06', minutes: 20, item: 1, note: null },
    ]);
    const w2 = json(home, ['week', '2'], { now: '2026-03-11T08:00:00' });
    expect(w2.planned.map((i: any) => [i.number, i.status])).toEqual([[4, 'todo'], [5, 'todo'], [6, 'done'], [7, 'todo']]);
    expect(w2.doneElsewhere.map((i: any) => i.number)).toEqual([2]);
    expect(ok(home, ['week', '2'], { now: '2026-03-11T08:00:00', env: { NO_COLOR: '1' } })).toContain('Also done this week\n  [x] #2 Read');
    // The current week, kept in the view cache, is never the answer to a week that is not a number.
    ok(home, ['week'], { now: '2026-03-11T08:00:00' });
    expect(run(home, ['week', 'now'], { now: '2026-03-11T08:00:00' }).stderr).toContain('The week is a whole number from 1, not "now"');
  });

  it('counts today as still open: on plan on the first morning, behind only for what was due by yesterday', () => {
    const home = home000();
    const ahead = (now: string) => json(home, ['progress'], { now }).plan.aheadDays as number;
    expect(ahead('2026-03-02T09:00:00')).toBe(0);
    expect(ok(home, ['progress'], { now: '2026-03-02T09:00:00', env: { NO_COLOR: '1' } })).toMatch(/Plan +week 1 of 36 · on plan\n/);
    // Each morning with nothing done adds the day before to what is behind.
    expect(ahead('2026-03-03T09:00:00')).toBe(-1);
    expect(ahead('2026-03-04T09:00:00')).toBe(-2);
    expect(ok(home, ['progress'], { now: '2026-03-03T09:00:00', env: { NO_COLOR: '1' } })).toMatch(/Plan +week 1 of 36 · 1 day behind\n/);
    // Finishing more than today's share is ahead at once.
    ok(home, ['done', '1'], { now: '2026-03-02T20:00:00' });
    expect(ahead('2026-03-02T21:00:00')).toBeGreaterThan(0);
  });

  it('progress shows plan week against actual, this week\'s hours and the next milestone', () => {
    const home = home000();
    // Week 2 (Mar 9-15): items 1-4 planned through week 2; do 1-6 by Mar 11.
    for (const n of ['1', '2', '3', '4', '5', '6']) ok(home, ['done', n], { now: '2026-03-10T20:00:00' });
    ok(home, ['log', '2h'], { now: '2026-03-10T20:00:00' });
    const p = json(home, ['progress'], { now: '2026-03-11T08:00:00' });
    expect(p.plan.week).toBe(2);
    expect(p.plan.aheadDays).toBeGreaterThan(0);
    expect(p.thisWeek).toEqual({ week: 2, logged: 2, target: 4 });
    expect(p.nextMilestone).toMatchObject({ text: 'Project 1 complete (Transformer)', date: '2026-04-26' });
    expect(p.forecast).toMatchObject({ basis: 'plan', finish: '2026-11-08' });
    const text = ok(home, ['progress'], { now: '2026-03-11T08:00:00', env: { NO_COLOR: '1' } });
    expect(text).toMatch(/Plan +week 2 of 36 · \d+ days ahead/);
    expect(text).toContain('This week 2 of 4 h');
    expect(text).toContain('Milestone Project 1 complete (Transformer) · Sun, Apr 26');
    expect(text).toContain('Finish    Sun, Nov 8 by the plan (not enough history for your pace yet)');
  });

  it('writes the year of a day outside the current one, in place of its weekday', () => {
    const home = tempDir();
    const november = { now: '2026-11-02T09:00:00', env: { NO_COLOR: '1' } };
    ok(home, ['import', seed('000')], november);
    expect(json(home, ['plan'], november)).toMatchObject({ start: '2026-11-02', finish: '2027-07-11' });
    const plan = ok(home, ['plan'], november);
    expect(plan).toContain('Start Mon, Nov 2 · 4 h/week');
    expect(plan).toContain('36 weeks · finish Jul 11, 2027');
    expect(plan).toMatch(/Mon, Dec 28 – Feb 21, 2027 \(weeks 9-16\)/);
    expect(ok(home, ['progress'], november)).toContain('Finish    Jul 11, 2027 by the plan');
    // In 2027 the same days are written as days of the current year.
    expect(ok(home, ['plan'], { ...november, now: '2027-01-04T09:00:00' })).toContain('36 weeks · finish Sun, Jul 11');
  });

  it('milestones as text: one line each with what is left, the first three items an open one waits on, and how many more', () => {
    const home = home000();
    ok(home, ['done', ...json<any[]>(home, ['show', 'Phase 1']).map((i) => String(i.number))]);
    const now = { now: '2026-07-01T09:00:00', env: { NO_COLOR: '1' } };
    const markers = json<any[]>(home, ['milestones'], now);
    const mark = { done: '[x]', overdue: '[!]', upcoming: '[ ]' } as Record<string, string>;
    const expected = markers.flatMap((m) => [
      fitAround(`${mark[m.status]} ${formatDay(m.date)} (week ${m.week})  `, m.text, ` · ${m.status === 'done' ? 'done' : `${m.waitsOn.length} of ${m.total} items left`}`, 80),
      ...(m.status === 'done' ? [] : m.waitsOn.slice(0, 3).map((w: any) => fit(`      waits on #${w.number} ${w.text}`, 80))),
      ...(m.status !== 'done' && m.waitsOn.length > 3 ? [`      … and ${m.waitsOn.length - 3} more`] : []),
    ]);
    const text = ok(home, ['milestones'], now);
    expect(text).toBe(`${expected.join('\n')}\n`);
    // A name too long for the line gives way to what is left: the counts are never cut.
    const lines = text.split('\n').filter((line) => line.startsWith('['));
    expect(lines).toHaveLength(markers.length);
    expect(lines.some((line) => line.includes('…'))).toBe(true);
    for (const line of lines) expect(line).toMatch(/^\[.\] \w{3}, \w{3} \d+ \(week \d+\)  .+ · (\d+ of \d+ items left|done)$/);
    const progress = ok(home, ['progress'], now).split('\n').find((line) => line.startsWith('Milestone'));
    expect(progress).toMatch(/^Milestone .+ · \w{3}, \w{3} \d+ · \d+ of \d+ items left$/);
    // What the case covers: a done milestone (nothing named), an open one waiting on more than three.
    expect(markers.some((m) => m.status === 'done') && markers.some((m) => m.status !== 'done' && m.waitsOn.length > 3)).toBe(true);
  });

  it('milestones and checkpoints: planned dates, status and what they wait on', () => {
    const home = home000();
    const ms = json<any[]>(home, ['milestones']);
    expect(ms).toHaveLength(6);
    expect(ms[0]).toMatchObject({ text: 'Project 1 complete (Transformer)', date: '2026-04-26', status: 'upcoming' });
    expect(ms[0].waitsOn.length).toBe(ms[0].total);
    const phase1 = json<any[]>(home, ['show', 'Phase 1']).map((i) => String(i.number));
    ok(home, ['done', ...phase1]);
    expect(json<any[]>(home, ['milestones'])[0].status).toBe('done');
    expect(json<any[]>(home, ['milestones'], { now: '2026-07-01T09:00:00' })[1].status).toBe('overdue');
    const cps = json<any[]>(home, ['checkpoints']);
    expect(cps.find((c) => c.text === 'Can design an eval suite for a specific task')).toMatchObject({ date: '2026-06-21', status: 'upcoming' });
    expect(cps.find((c) => c.text === 'Can explain attention mechanism from memory')).toMatchObject({ status: 'done', waitsOn: [] });
    const phase2 = cps.find((c) => c.text === 'Have finetuned a model with LoRA (Project 2)');
    expect(phase2.waitsOn.map((w: any) => w.text)).toContain('LoRA paper (Low-Rank Adaptation)');
    expect(phase2.waitsOn.some((w: any) => /Can /.test(w.text))).toBe(false);
  });
});

describe('the forecast', () => {
  it('uses the plan until there is history, then the learner\'s real pace with a range', () => {
    const home = tempDir();
    ok(home, ['import', TINY], { now: MONDAY });
    const items = json<any[]>(home, ['show']);
    const early = json(home, ['progress'], { now: '2026-03-09T09:00:00' });
    expect(early.forecast.basis).toBe('plan');
    // One item finished in each of the first two weeks, then check on day 15.
    ok(home, ['done', '1'], { now: '2026-03-03T20:00:00' });
    ok(home, ['done', '2'], { now: '2026-03-12T20:00:00' });
    const p = json(home, ['progress'], { now: '2026-03-16T09:00:00' });
    expect(p.forecast.basis).toBe('pace');
    const inScope = items.filter((i) => !i.optional);
    const remaining = inScope.filter((i) => ![1, 2].includes(i.number)).reduce((s, i) => s + i.effortHours, 0);
    expect(p.forecast.remainingHours).toBeCloseTo(remaining, 1);
    // Two 7-day windows ending Mar 16: Mar 10-16 holds item 2, Mar 3-9 holds item 1.
    const rate = (items[0].effortHours + items[1].effortHours) / 2;
    const days = Math.ceil((remaining / rate) * 7);
    const expected = new Date(Date.UTC(2026, 2, 16 + days)).toISOString().slice(0, 10);
    expect(p.forecast.finish).toBe(expected);
    expect(p.forecast.low <= p.forecast.finish && p.forecast.finish <= p.forecast.high).toBe(true);
    expect(p.forecast.low < p.forecast.high).toBe(true);
  });

  it('says the plan stands for want of recent study, not of history, after weeks without any', () => {
    const home = tempDir();
    ok(home, ['import', TINY], { now: MONDAY });
    ok(home, ['done', '1'], { now: '2026-03-03T20:00:00' });
    ok(home, ['log', '1h'], { now: '2026-03-04T20:00:00' });
    // Eight weeks on, four of them (the forecast's window) without study.
    const idle = { now: '2026-04-27T09:00:00', env: { NO_COLOR: '1' } };
    const p = json(home, ['progress'], idle);
    expect(p.forecast).toMatchObject({ basis: 'plan', ratePerWeek: 0 });
    expect(ok(home, ['progress'], idle)).toMatch(/^Finish +\w{3}, \w{3} \d+ by the plan \(no recent study to measure your pace\)$/m);
    expect(ok(home, ['progress'], { ...idle, now: '2026-03-09T09:00:00' })).toContain('by the plan (not enough history for your pace yet)');
    // Two minutes in the window is a pace that rounds to nothing: the plan still stands, not a finish centuries away.
    ok(home, ['log', '2m'], { now: '2026-04-20T20:00:00' });
    expect(json(home, ['progress'], idle).forecast).toMatchObject({ basis: 'plan', ratePerWeek: 0 });
  });
});

describe('the chain', () => {
  function mws(restDays: string) {
    const home = tempDir();
    ok(home, ['import', TINY], { now: MONDAY });
    ok(home, ['plan', '--days', 'mon,wed,sat', '--rest-days', restDays], { now: MONDAY });
    return home;
  }
  const log = (home: string, day: string) => ok(home, ['log', '30m'], { now: `${day}T19:00:00` });
  const threeWeeks = ['2026-03-02', '2026-03-04', '2026-03-07', '2026-03-09', '2026-03-11', '2026-03-14', '2026-03-16', '2026-03-18', '2026-03-21'];

  it('Mon/Wed/Sat for three weeks is a chain of 9, with the rule shown', () => {
    const home = mws('2');
    for (const d of threeWeeks) log(home, d);
    const s = json(home, ['streak'], { now: '2026-03-22T10:00:00' });
    expect(s).toMatchObject({ current: 9, best: 9, lastBroken: null, restDaysLeft: 2, today: 'day-off' });
    const text = ok(home, ['streak'], { now: '2026-03-22T10:00:00' });
    expect(text).toContain('Chain: 9 (best 9)');
    expect(text).toContain('Rule: A link is a planned study day (Mon, Wed, Sat) with study logged');
    expect(json(home, ['progress'], { now: '2026-03-22T10:00:00' }).streak).toMatchObject({ current: 9, best: 9 });
  });

  it('a missed Wednesday uses a rest day; a miss beyond the budget breaks it and the best is kept', () => {
    const home = mws('1');
    for (const d of [...threeWeeks, '2026-03-23', '2026-03-28', '2026-03-30']) log(home, d); // Wed 25 missed
    const kept = json(home, ['streak'], { now: '2026-03-30T20:00:00' });
    expect(kept).toMatchObject({ current: 12, best: 12, restDaysUsed: ['2026-03-25'], lastBroken: null });
    // April: Wed 1 uses April's rest day; Sat 4 is beyond the budget.
    const atRisk = ok(home, ['streak'], { now: '2026-04-04T09:00:00' }).replace(/\s+/g, ' '); // wrapped to 80 columns
    expect(atRisk).toContain('Warning: nothing logged today and no rest day left this month; the chain of 12 breaks tonight.');
    const broken = json(home, ['streak'], { now: '2026-04-06T09:00:00' });
    expect(broken).toMatchObject({ current: 0, best: 12, lastBroken: '2026-04-04', restDaysUsed: ['2026-03-25', '2026-04-01'] });
    expect(ok(home, ['streak'], { now: '2026-04-06T09:00:00' })).toContain('Last broken: Sat, Apr 4');
  });

  it('study on a day off makes up for a missed study day in the same week', () => {
    const home = mws('0');
    for (const d of [...threeWeeks, '2026-03-23', '2026-03-26', '2026-03-28']) log(home, d);
    expect(json(home, ['streak'], { now: '2026-03-29T10:00:00' })).toMatchObject({ current: 12, madeUp: ['2026-03-25'], lastBroken: null });
  });

  it('streak follows the stored plan (start, study days, rest days) as progress does', () => {
    const home = tempDir();
    ok(home, ['import', TINY], { now: MONDAY });
    // A Wednesday start: the plan's weeks run Wednesday to Tuesday, so Tue 17 makes up for Sat 14
    // (in weeks from the import's Monday it would not, and the chain would break).
    ok(home, ['plan', '--start', '2026-03-11', '--days', 'mon,wed,sat', '--rest-days', '0'], { now: MONDAY });
    for (const d of ['2026-03-11', '2026-03-16', '2026-03-17']) log(home, d);
    const now = '2026-03-18T09:00:00';
    expect(json(home, ['streak'], { now })).toMatchObject({ current: 3, best: 3, madeUp: ['2026-03-14'], lastBroken: null, restDaysLeft: 0, today: 'at-risk' });
    expect(json(home, ['progress'], { now }).streak).toMatchObject({ current: 3, best: 3, today: 'at-risk' });
    // New study days, Tue/Thu, with a rest day: in the week from Wed 11, study on a day off makes
    // up for Thu 12 and Tue 17 is studied; today, a Wednesday, is a day off.
    ok(home, ['plan', '--days', 'tue,thu', '--rest-days', '1'], { now });
    const after = json(home, ['streak'], { now });
    expect(after.rule).toContain('(Tue, Thu)');
    expect(after).toMatchObject({ current: 2, madeUp: ['2026-03-12'], restDaysLeft: 1, today: 'day-off' });
    expect(json(home, ['progress'], { now }).streak).toMatchObject({ current: after.current, best: after.best, today: after.today });
  });

  it('counts weeks that met the hours target with --by week', () => {
    const home = mws('2');
    ok(home, ['log', '4h'], { now: '2026-03-03T20:00:00' });
    ok(home, ['log', '2h'], { now: '2026-03-10T20:00:00' });
    ok(home, ['log', '3h'], { now: '2026-03-17T20:00:00' });
    const w = json(home, ['streak', '--by', 'week'], { now: '2026-03-18T08:00:00' });
    expect(w.weeks.map((x: any) => x.met)).toEqual([true, false, false]);
    expect(w).toMatchObject({ current: 0, best: 1 });
  });

  it('uses local day boundaries across a daylight-saving change, and late logs count for their day', () => {
    const env = { TZ: 'America/New_York' };
    const home = tempDir();
    ok(home, ['import', TINY], { now: MONDAY, env });
    ok(home, ['plan', '--days', 'mon,wed,sat'], { now: MONDAY, env });
    // Clocks go forward at 2:00 on Sunday 8 March 2026 in New York.
    ok(home, ['log', '30m'], { now: '2026-03-07T23:30:00', env }); // Saturday, late evening
    ok(home, ['log', '30m'], { now: '2026-03-09T00:15:00', env }); // Monday, just after midnight
    ok(home, ['log', '40m', '--date', '2026-03-04'], { now: '2026-03-09T00:20:00', env }); // Wednesday, logged late
    ok(home, ['log', '30m'], { now: '2026-03-02T22:00:00', env });
    const w = json(home, ['week', '2'], { now: '2026-03-09T12:00:00', env });
    expect(w).toMatchObject({ start: '2026-03-09', end: '2026-03-15' });
    expect(w.sessions.map((s: any) => s.day)).toEqual(['2026-03-09']);
    expect(json(home, ['week', '1'], { now: '2026-03-09T12:00:00', env }).sessions.map((s: any) => s.day).sort()).toEqual([
      '2026-03-02',
      '2026-03-04',
      '2026-03-07',
    ]);
    expect(json(home, ['streak'], { now: '2026-03-09T12:00:00', env })).toMatchObject({ current: 4, lastBroken: null });
  });
});
