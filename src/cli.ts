#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context, Invocation } from './context.js';
import { UserError } from './errors.js';
import { PLAN_MOVED } from './io/after.js';
import { SHORT_COMMAND } from './io/heap.js';
import { writeStdout } from './io/write.js';

interface CommandModule {
  run: (ctx: Context, inv: Invocation<never>) => Promise<void> | void;
}

/**
 * Loads the module of the command that runs, and only that one: each is a
 * bundle of its own (dist/cmd-NAME.cjs, see scripts/build.mjs), so `progress`
 * never loads the markdown reader. Loaded with require: an import() of a
 * CommonJS file would start Node's ES module loader, which costs more.
 */
function loadCommand(module: string): CommandModule {
  return createRequire(__filename)(`./cmd-${module}.cjs`) as CommandModule;
}

/**
 * The commands that are over in a fraction of a second even at 10,000 items
 * and 100,000 events (reads and small writes): when one of them loads
 * thousands of rows, it does so without TurboFan (src/io/heap.ts,
 * holdingRows). Imports, parses, exports, restores and removals keep it, as
 * does any command not named here.
 */
const SHORT = new Set(['roadmaps', 'use', 'show', 'next', 'status', 'undo', 'note', 'estimate', 'log', 'stop', 'progress', 'plan', 'today', 'week', 'streak', 'calendar', 'milestones']);

interface Global {
  home?: string;
  debug?: boolean;
}

const EXAMPLES: Record<string, string> = {
  init: 'ai-learn init --demo\n  ai-learn init my-roadmap.md --start 2026-03-02 --hours 6',
  import: 'ai-learn import roadmap.md\n  ai-learn import roadmap.md --dry-run\n  curl -s URL | ai-learn import -',
  parse: 'ai-learn parse roadmap.md\n  ai-learn parse roadmap.md --json',
  roadmaps: 'ai-learn roadmaps',
  use: 'ai-learn use agenda-page',
  remove: 'ai-learn remove agenda-page --yes',
  show: 'ai-learn show\n  ai-learn show "Phase 2"',
  next: 'ai-learn next\n  ai-learn next -n 10 --json',
  done: 'ai-learn done 12\n  ai-learn done "LoRA paper"',
  start: 'ai-learn start 12',
  skip: 'ai-learn skip 12',
  reset: 'ai-learn reset 12',
  undo: 'ai-learn undo',
  note: 'ai-learn note 12 "re-read section 3"',
  estimate: 'ai-learn estimate 12 6h',
  log: 'ai-learn log 90m\n  ai-learn log 1.5h 12 -m "attention maths"\n  ai-learn log 45m --date yesterday',
  stop: 'ai-learn stop -m "finished the derivation"',
  progress: 'ai-learn progress\n  ai-learn progress --json',
  export: 'ai-learn export --format json > backup.json\n  ai-learn export --format md > roadmap.md\n  ai-learn export --format ics > plan.ics\n  ai-learn export --format csv > sessions.csv',
  plan: 'ai-learn plan\n  ai-learn plan --start 2026-03-02 --hours 6 --days mon,wed,sat\n  ai-learn plan --from "Phase 2"\n  ai-learn plan --weeks 16',
  today: 'ai-learn today',
  week: 'ai-learn week\n  ai-learn week 3',
  streak: 'ai-learn streak\n  ai-learn streak --by week',
  calendar: 'ai-learn calendar',
  milestones: 'ai-learn milestones',
  checkpoints: 'ai-learn checkpoints',
  restore: 'ai-learn restore backup.json',
};

/** package.json's version, set by scripts/build.mjs; unbundled code (tests importing src/) says so. */
declare const __AI_LEARN_VERSION__: string | undefined;
const VERSION = typeof __AI_LEARN_VERSION__ === 'string' ? __AI_LEARN_VERSION__ : 'source';

function makeProgram(run: (module: string, cmd: Command, args: unknown[]) => Promise<void>): Command {
  const program = new Command('ai-learn')
    .description('Track your progress through a self-study roadmap. Don\'t break the chain.')
    .version(VERSION)
    .option('--home <dir>', 'data folder (default $AI_LEARN_HOME, $XDG_DATA_HOME/ai-learn, ~/.local/share/ai-learn)')
    .option('--debug', 'show stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    // Help and the version as every command's output (src/io/write.ts): never through process.stdout.
    .configureOutput({ writeOut: writeStdout })
    .exitOverride();

  const command = (spec: string, description: string, module: string) => {
    const name = spec.split(' ')[0]!;
    const cmd = program
      .command(spec)
      .description(description)
      .option('--home <dir>', 'data folder for this command')
      .option('--debug', 'show stack traces of errors')
      .exitOverride();
    if (EXAMPLES[name]) cmd.addHelpText('after', `\nExamples:\n  ${EXAMPLES[name]}`);
    cmd.action(async (...args: unknown[]) => run(module, cmd, args.slice(0, -2)));
    return cmd;
  };

  command('init [file]', 'start tracking: the built-in roadmap or your own', 'init')
    .option('--demo', 'use the built-in roadmap without questions')
    .option('--name <name>', 'short name for the roadmap')
    .option('--start <date>', 'first day of the plan (YYYY-MM-DD; default today)')
    .option('--hours <n>', "hours per week you will study (default the roadmap's pace)");
  command('import <source>', 'import a roadmap (path, - for stdin, or http(s) URL); again to update it', 'import')
    .option('--dry-run', 'show what would change, store nothing')
    .option('--name <name>', 'short name for the roadmap')
    .option('--json', 'print the result as JSON');
  command('parse <source>', 'show what ai-learn reads in a roadmap, store nothing', 'parse')
    .option('--json', 'print the roadmap model as JSON');
  command('roadmaps', 'list imported roadmaps', 'roadmaps').option('--json', 'print as JSON');
  command('use <name>', 'choose the roadmap other commands act on', 'use');
  command('remove <name>', 'delete a roadmap and its history', 'remove').option('-y, --yes', 'do not ask');
  command('show [section]', 'the roadmap tree with statuses', 'show')
    .option('--json', 'print as JSON')
    .option('--removed', 'include items no longer in the roadmap file');
  command('next', 'what to do next', 'next')
    .addOption(new Option('-n, --count <n>', 'how many').default('5'))
    .option('--json', 'print as JSON');
  for (const [name, description] of [
    ['done', 'mark items done'],
    ['start', 'mark items in progress and start the clock'],
    ['skip', 'skip items (they leave the totals)'],
    ['reset', 'mark items to do again'],
  ] as const) {
    command(`${name} <items...>`, description, 'status').option('--json', 'print the changes as JSON');
  }
  command('undo', 'undo the last change (appends, never deletes)', 'undo');
  command('note <item> <text...>', 'attach a note to an item', 'note');
  command('estimate <item> <duration>', 'override the effort of an item', 'estimate');
  command('log <duration> [item]', 'log study time (90m, 1.5h, 1h30m)', 'log')
    .option('-m, --message <note>', 'what you did')
    .option('--date <day>', 'the day it counts for: YYYY-MM-DD, yesterday, "3 days ago"');
  command('stop [duration]', 'stop the clock started by `start` and log its time, or the time you give', 'stop').option(
    '-m, --message <note>',
    'what you did',
  );
  command('progress', 'the headline view: done, next, the chain', 'progress').option('--json', 'print as JSON');
  command('plan', 'set and show the dated plan', 'plan')
    .option('--start <date>', 'first day of the plan (YYYY-MM-DD)')
    .option('--hours <n>', 'hours per week you will study')
    .option('--days <days>', 'study days, e.g. mon,wed,sat (or "every")')
    .option('--from <section>', 'start at this section; earlier ones are left out')
    .option('--include <section>', 'opt into an optional section (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--exclude <section>', 'opt out of an optional section again', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--weeks <n>', 'finish in N weeks: shows the hours per week it takes')
    .option('--rest-days <n>', 'rest days per month that keep the chain')
    .option('--reset', 'back to the roadmap\'s defaults')
    .option('--json', 'print as JSON');
  command('today', 'what to do today, what is overdue, the chain at risk', 'today').option('--json', 'print as JSON');
  command('week [n]', 'a plan week: what was planned and what was done', 'week').option('--json', 'print as JSON');
  command('streak', 'the chain of study days, its rule and rest days', 'streak')
    .addOption(new Option('--by <unit>', 'count days or weeks that met the hours target').choices(['day', 'week']).default('day'))
    .option('--json', 'print as JSON');
  command('calendar', 'a year of study minutes as a heatmap', 'calendar').option('--json', 'print as JSON');
  command('milestones', 'milestones with planned dates and what they wait on', 'milestones').option('--json', 'print as JSON');
  command('checkpoints', 'self-checks with planned dates and what they wait on', 'milestones').option('--json', 'print as JSON');
  command('export', 'export data: json (a complete backup), md, ics or csv', 'export')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'md', 'ics', 'csv']).default('json'))
    .option('-o, --output <file>', 'write to a file instead of stdout');
  command('restore <file>', 'restore a JSON backup made by `export`', 'restore').option(
    '-y, --yes',
    'replace existing data without asking',
  );
  return program;
}

async function main(argv: string[]): Promise<number> {
  let debug = argv.includes('--debug');
  const program = makeProgram(async (module, cmd, args) => {
    const opts = { ...program.opts<Global>(), ...cmd.opts<Global>() };
    debug = debug || opts.debug === true;
    const { createContext } = await import('./io/context.js');
    const ctx = createContext(opts.home, pathToFileURL(join(__dirname, '..', '/')));
    const mod = loadCommand(module);
    if (SHORT.has(module)) (globalThis as Record<symbol, unknown>)[SHORT_COMMAND] = true;
    await mod.run(ctx, { args, opts: cmd.opts(), name: cmd.name() } as Invocation<never>);
    if ((globalThis as Record<symbol, unknown>)[PLAN_MOVED] === true && ctx.env.AI_LEARN_PLAN_CACHE !== 'off') {
      // The command's answer is out and its writes are stored: the plan made ahead is only a cache, and a failure here is not the command's.
      try {
        (loadCommand('ahead') as unknown as { run: (ctx: Context) => void }).run(ctx);
      } catch (error) {
        // A plan the reads will refuse too (a UserError: --from a section the import left empty) is told in one sentence.
        const why = error instanceof UserError ? error.message : ((error as Error).stack ?? String(error));
        if (debug) process.stderr.write(`ai-learn: the plan was not made ahead: ${why}\n`);
      }
    }
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UserError) {
      process.stderr.write(`ai-learn: ${error.message}\n`);
      if (debug && error.cause instanceof Error) process.stderr.write(`${error.cause.stack}\n`);
      return error.exitCode;
    }
    const err = error as Error;
    if (debug) process.stderr.write(`${err.stack ?? String(err)}\n`);
    else process.stderr.write(`ai-learn: unexpected error: ${err.message ?? String(err)} (run again with --debug for details)\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
