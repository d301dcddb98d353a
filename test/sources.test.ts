import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { json, ok, ROOT, run, runAsync, seed, tempDir } from './helpers/cli.js';

const TINY = join(ROOT, 'test', 'fixtures', 'tiny.md');

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

/** Serves `routes` on a free loopback port; the server is closed after the test. */
async function serve(routes: Record<string, [number, string]>): Promise<string> {
  server = createServer((req, res) => {
    const [status, body] = routes[req.url ?? ''] ?? [404, 'not found'];
    res.writeHead(status, { 'content-type': 'text/markdown; charset=utf-8' });
    res.end(body);
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}


describe('roadmap sources', () => {
  it('imports from an http URL, and names the URL when the server refuses', async () => {
    const base = await serve({ '/plan.md': [200, readFileSync(TINY, 'utf8')], '/gone.md': [404, 'nope'] });
    const home = tempDir();
    const r = await runAsync(home, ['import', `${base}/plan.md`]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Imported "Tiny Study Plan" as tiny-study-plan/);
    const missing = await runAsync(home, ['import', `${base}/gone.md`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`ai-learn: Cannot download ${base}/gone.md: the server answered 404 Not Found.`);
    expect(json<any[]>(home, ['roadmaps'])).toHaveLength(1);
  });

  it('imports from standard input with -', () => {
    const home = tempDir();
    expect(ok(home, ['import', '-'], { input: readFileSync(TINY) })).toMatch(/^Imported "Tiny Study Plan"/);
    expect(json(home, ['progress']).items.total).toBeGreaterThan(5);
  });

  it('parse --json prints the documented model and stores nothing', () => {
    const home = tempDir();
    const model = json(home, ['parse', seed('000')]);
    expect(Object.keys(model)).toEqual(expect.arrayContaining(['title', 'hoursPerWeek', 'totalWeeks', 'sections', 'items', 'rhythm', 'milestones', 'targets', 'warnings']));
    expect(model.hoursPerWeek).toEqual({ min: 3, max: 5 });
    expect(model.totalWeeks).toBe(36);
    expect(model.sections[0]).toMatchObject({ title: 'Phase 1: Foundations (Weeks 1-8)', kind: 'phase', weeks: { start: 1, end: 8 }, optional: false });
    const first = model.items[0];
    expect(first).toEqual(
      expect.objectContaining({
        key: expect.any(String),
        number: 1,
        kind: 'task',
        text: 'Review backpropagation, gradient descent',
        section: ['Phase 1: Foundations (Weeks 1-8)', 'Week 1-2: ML Fundamentals'],
        weeks: { start: 1, end: 2 },
        effortHours: expect.any(Number),
        optional: false,
      }),
    );
    expect(run(home, ['progress']).code).toBe(1); // nothing was stored
  });

  it('prints a readable outline without --json', () => {
    const out = ok(tempDir(), ['parse', seed('004')]);
    expect(out).toContain('Agenda Page');
    expect(out).toMatch(/Phase 6 — Specialization tracks \(choose 1–2\) \[weeks \d+-\d+\] \(choose 1-2\)/);
  });
});
