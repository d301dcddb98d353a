// One of the concurrent writers of concurrency.test.ts: runs the CLI
// sequentially, COUNT `log 1m` commands with distinct notes, and after every
// fourth one a `done N` or `reset N` (alternating) on this writer's own items.
// Prints one JSON line: every command that failed or said "locked", and counts.
//
//   node writer.mjs CLI HOME NAME COUNT FIRST_ITEM
import { spawnSync } from 'node:child_process';

const [cli, home, name, countArg, firstArg] = process.argv.slice(2);
const count = Number(countArg);
const first = Number(firstArg);
const env = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  TZ: 'UTC',
  AI_LEARN_HOME: home,
  AI_LEARN_NOW: '2026-03-02T09:00:00',
};

const failures = [];
let commands = 0;
let logs = 0;
let statusChanges = 0;
function cmd(args) {
  commands += 1;
  const r = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0 || /busy|locked/i.test(r.stderr) || r.error) {
    failures.push({ args, code: r.status, signal: r.signal, stderr: r.stderr, error: r.error ? String(r.error) : undefined });
    return false;
  }
  return true;
}

const started = Date.now();
for (let i = 0; i < count; i++) {
  if (cmd(['log', '1m', '-m', `${name} session ${i}`])) logs += 1;
  if (i % 4 === 3) {
    const k = (i - 3) / 4;
    // done A, reset A, done B, reset B, ... over five items of this writer.
    const item = first + (Math.floor(k / 2) % 5);
    if (cmd([k % 2 === 0 ? 'done' : 'reset', String(item)])) statusChanges += 1;
  }
}
process.stdout.write(`${JSON.stringify({ name, commands, logs, statusChanges, failures, ms: Date.now() - started })}\n`);
