// Start-up benchmark: median wall time of `ai-learn progress` against bare
// `node -e 0`, measured alternately in the same run on a home holding all
// five seed roadmaps. Usage: npm run bench [-- --runs 31 --keep DIR]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '31' }, keep: { type: 'string' } } });
const runs = Number(values.runs);
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.cjs');
const seeds = resolve(root, '..', 'shared', 'seeds');
const home = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'ai-learn-bench-'));
const env = { ...process.env, AI_LEARN_HOME: home, NO_COLOR: '1' };

function must(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ai-learn ${args.join(' ')} failed: ${r.stderr}`);
}

for (const file of readdirSync(seeds).sort()) must(['import', join(seeds, file)]);
must(['log', '45m']);
must(['done', '1']);

function time(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const cases = [['progress'], ['progress', '--json'], ['next'], ['show']];
// Warm the file cache once, then alternate: baseline, command, baseline, command…
time(['-e', '0']);
for (const c of cases) time([cli, ...c]);
console.log(`ai-learn start-up, ${runs} alternating runs each, home with ${readdirSync(seeds).length} seed roadmaps`);
// "ratio" is the median of each run's time over the bare-node run beside it:
// pairing cancels the machine's drift during the run better than a ratio of medians.
console.log('command'.padEnd(22), 'median ms'.padStart(10), 'node -e 0'.padStart(10), 'ratio'.padStart(7));
for (const c of cases) {
  const base = [];
  const cmd = [];
  for (let i = 0; i < runs; i++) {
    base.push(time(['-e', '0']));
    cmd.push(time([cli, ...c]));
  }
  const ratio = median(cmd.map((t, i) => t / base[i]));
  console.log(c.join(' ').padEnd(22), median(cmd).toFixed(1).padStart(10), median(base).toFixed(1).padStart(10), `${ratio.toFixed(2)}x`.padStart(7));
}
if (values.keep) console.log(`home kept in ${home}`);
else rmSync(home, { recursive: true, force: true });
