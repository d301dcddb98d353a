import { transformSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// holdingRows changes V8's flags for the whole process, so each case runs in
// a fresh node: it calls holdingRows, keeps 300,000 small objects (as a
// command keeps 10,000 items), and reports the young generation's size
// before and after, with what it printed. Before its first scavenge V8
// holds one semi-space; after, two: a young generation at its starting
// size is then twice what it was.

const dir = mkdtempSync(join(tmpdir(), 'ai-learn-heap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const module = join(dir, 'heap.cjs');
writeFileSync(module, transformSync(readFileSync(new URL('./heap.ts', import.meta.url), 'utf8'), { loader: 'ts', format: 'cjs' }).code);

const CHILD = `
const v8 = require('node:v8');
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const before = young();
const rows = Number(process.argv[2]);
if (rows > 0) require(process.argv[1]).holdingRows(rows);
const kept = [];
for (let i = 0; i < 300000; i++) kept.push({ i, text: 'item ' + i });
process.stdout.write(JSON.stringify({ before, after: young(), kept: kept.length }));
`;

function youngGeneration(rows: number): { before: number; after: number; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', CHILD, module, String(rows)], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const { before, after } = JSON.parse(r.stdout) as { before: number; after: number };
  return { before, after, stderr: r.stderr };
}

describe('holdingRows', () => {
  it('keeps the young generation at its starting size once a command holds 2,000 rows, printing nothing', () => {
    const untouched = youngGeneration(0);
    // What it prevents: without it, keeping these objects grows the young generation (to 32 MiB on Node 20).
    expect(untouched.after).toBeGreaterThan(2 * untouched.before);
    const small = youngGeneration(1_999);
    expect(small.after).toBeGreaterThan(2 * small.before);
    const held = youngGeneration(2_000);
    expect(held).toEqual({ before: held.before, after: 2 * held.before, stderr: '' });
  });
});

// parsingParts is checked the same way: a fresh node runs its check after
// each of 200 "parts", each allocating 20,000 objects of which the last
// 100,000 stay reachable, as a parse keeps what it has read so far while
// most of what micromark allocates dies.
const PARSING = `
const v8 = require('node:v8');
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const parts = Number(process.argv[2]);
const parsed = parts > 0 ? require(process.argv[1]).parsingParts(parts).afterPart : () => {};
const ring = new Array(100000);
for (let part = 0; part < 200; part++) {
  for (let i = 0; i < 20000; i++) ring[(part * 20000 + i) % ring.length] = { part, i, text: 'line ' + i };
  parsed();
}
process.stdout.write(JSON.stringify({ after: young() }));
`;

function youngAfterParts(parts: number): { after: number; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', PARSING, module, String(parts)], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return { after: (JSON.parse(r.stdout) as { after: number }).after, stderr: r.stderr };
}

describe('parsingParts', () => {
  const MiB = 2 ** 20;
  it('stops the young generation at two 8 MiB semi-spaces in a parse of 16 parts or more, printing nothing', () => {
    // What it prevents: without it the young generation grows to 32 MiB (Node 20).
    expect(youngAfterParts(0).after).toBeGreaterThan(16 * MiB);
    expect(youngAfterParts(15).after).toBeGreaterThan(16 * MiB);
    expect(youngAfterParts(16)).toEqual({ after: 16 * MiB, stderr: '' });
  });
});

// And its end: objects promoted to the old generation during a parse and
// dead at its end are collected by the parse's done(), in a long parse only,
// without leaving a gc function in the command's own context.
const COLLECTING = `
const v8 = require('node:v8');
const old = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_used_size;
const heap = require(process.argv[1]).parsingParts(Number(process.argv[2]));
let parts = [];
for (let part = 0; part < 40; part++) {
  const kept = [];
  for (let i = 0; i < 20000; i++) kept.push({ part, i, text: 'line ' + i });
  parts.push(kept);
  heap.afterPart();
}
parts = null;
const before = old();
heap.done();
process.stdout.write(JSON.stringify({ before, after: old(), gc: typeof gc }));
`;

function oldGenerationAtEnd(parts: number): { before: number; after: number; gc: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', COLLECTING, module, String(parts)], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return { ...(JSON.parse(r.stdout) as { before: number; after: number; gc: string }), stderr: r.stderr };
}

describe('parsingParts(...).done', () => {
  const MiB = 2 ** 20;
  it('collects what a long parse promoted and left dead, and nothing for a short one', () => {
    // 800,000 objects were kept until the end (about 40 MiB), most of them promoted.
    const short = oldGenerationAtEnd(15);
    expect(short.before).toBeGreaterThan(20 * MiB);
    expect(short.after).toBeGreaterThan(20 * MiB);
    const long = oldGenerationAtEnd(16);
    expect(long.before).toBeGreaterThan(20 * MiB);
    expect(long.after).toBeLessThan(long.before / 4);
    expect(long).toMatchObject({ gc: 'undefined', stderr: '' });
  });
});

// A short command (SHORT_COMMAND, set by src/cli.ts) that loads thousands of
// rows does so without TurboFan, and so does the plan made ahead after a long
// command (afterLongWork): a fresh node asks V8 to optimize a function at its
// next call (V8's natives syntax) and reports whether it was.
const TIERING = `
if (process.argv[3] === 'short') globalThis[Symbol.for('ai-learn.short-command')] = true;
const rows = Number(process.argv[2]);
if (rows > 0) require(process.argv[1]).holdingRows(rows);
if (process.argv[4] === 'after') require(process.argv[1]).afterLongWork();
function sum(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
%PrepareFunctionForOptimization(sum);
sum(10);
%OptimizeFunctionOnNextCall(sum);
sum(10);
const TURBOFANNED = 64;
process.stdout.write((%GetOptimizationStatus(sum) & TURBOFANNED) !== 0 ? 'optimized' : 'interpreted');
`;

function tiering(rows: number, command: 'short' | 'long', after = false): string {
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', TIERING, module, String(rows), command, after ? 'after' : ''], {
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('TurboFan off for short work', () => {
  it('in a short command once it holds 2,000 rows (holdingRows); a long command, or fewer rows, keep it', () => {
    expect(tiering(0, 'short')).toBe('optimized');
    expect(tiering(1_999, 'short')).toBe('optimized');
    expect(tiering(2_000, 'short')).toBe('interpreted');
    expect(tiering(2_000, 'long')).toBe('optimized');
  });

  it("after a long command that changed V8's flags (afterLongWork: the plan made ahead runs once); a smaller one keeps it", () => {
    expect(tiering(2_000, 'long', true)).toBe('interpreted');
    expect(tiering(1_999, 'long', true)).toBe('optimized');
  });
});
