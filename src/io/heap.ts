/**
 * V8's young generation, tuned for a command that loads thousands of rows
 * and keeps them until it exits (a short one also turns TurboFan off:
 * SHORT_COMMAND), and for the parse of a long document (which also inlines
 * less: PARSE_INLINING).
 *
 * V8 starts each of the young generation's two semi-spaces at 1 MiB and
 * doubles them, up to 16 MiB, whenever enough of what it allocated survives
 * its scavenges. Ten thousand items loaded for `progress` or an export all
 * survive, so the young generation grew to 32 MiB only to copy the same
 * long-lived objects through bigger spaces before promoting them. Kept at
 * its starting size it promotes them just the same (after two scavenges).
 * At 10,000 items and 100,000 events the first `progress` after a change
 * took 10% less time and 11 MiB less memory, `export --format md` and
 * `--format ics` 17% and 12% less time and 22 MiB less (docs/performance.md:
 * "Young generation").
 *
 * Not from the start of a parse: micromark's objects live for a part of
 * the document and then die, and promoting them made `import` 50% slower.
 * A long parse stops the growth at 8 MiB semi-spaces instead (parsingParts).
 */

/**
 * Below this many items `progress` and `export --format md` grew the young
 * generation to 4 MiB at most (8 MiB at 2,000 and 4,000, 32 MiB at 10,000),
 * and loading `node:v8` costs 1–4 ms.
 */
const MANY_ROWS = 2_000;

let kept = false;

/**
 * Stops V8 growing the young generation for the rest of the process, once a
 * command holds `rows` rows or more. `semi-space-growth-factor` is read each
 * time the young generation would grow, so setting it at run time takes
 * effect (V8 warns that changing flags after start may do nothing, and a
 * later V8 that refuses a factor below 2 ignores it). In a short command
 * (SHORT_COMMAND) it also turns TurboFan off, read likewise each time V8
 * would optimize a function. Without `process.getBuiltinModule` (Node.js
 * before 20.16) nothing changes.
 */
export function holdingRows(rows: number): void {
  if (kept || rows < MANY_ROWS) return;
  const v8 = loadV8();
  keepYoungGeneration(v8);
  if (v8 && (globalThis as Record<symbol, unknown>)[SHORT_COMMAND] === true) setFlag(v8, '--no-turbofan');
}

/**
 * Set on the global object by src/cli.ts for a command that is over in a
 * fraction of a second (a read or a small write): if it loads thousands of
 * rows, it does so without V8's optimizing compiler, TurboFan.
 *
 * V8 runs a function in its interpreter (and its baseline compiler) first,
 * and compiles the hot ones with TurboFan, on a background thread, to run
 * faster later. A short command has no "later": at 10,000 items the first
 * `progress` after a change to the plan goes over every item a few times,
 * TurboFan spent tens of milliseconds of CPU compiling those loops
 * (`--trace-opt`: 27 ms for `schedule` alone), and the command ended soon
 * after. On one CPU (the benchmark pins each command to one) it took
 * 130–135 ms without TurboFan against 185–190 ms with it; on two, 132 ms
 * against 147 ms. Long work keeps it: without it the import of the 1.2 MB
 * roadmap took 1.9 s instead of 0.9 s, and `restore` of its 23 MB backup
 * 1.45 s instead of 1.1 s. A read that loads few rows (one read again from
 * the view cache, or computed afresh from the kept plan table) is left as it
 * is: loading `node:v8` to set the flag cost it 1–2 ms (docs/performance.md,
 * "TurboFan off for short commands").
 */
export const SHORT_COMMAND = Symbol.for('ai-learn.short-command');

function loadV8(): typeof import('node:v8') | undefined {
  return process.getBuiltinModule?.('node:v8') as typeof import('node:v8') | undefined;
}

/**
 * Set on the global object once V8's flags have changed: a code cache made
 * after that carries their hash, and V8 would refuse it in the next process,
 * which starts with the defaults (src/boot.ts then saves none).
 */
export const FLAGS_CHANGED = Symbol.for('ai-learn.v8-flags-changed');

/** Changes one of V8's flags for the rest of the process, and says so (FLAGS_CHANGED). */
function setFlag(v8: typeof import('node:v8'), flag: string): void {
  v8.setFlagsFromString(flag);
  (globalThis as Record<symbol, unknown>)[FLAGS_CHANGED] = true;
}

function keepYoungGeneration(v8: typeof import('node:v8') | undefined): void {
  kept = true;
  if (v8) setFlag(v8, '--semi-space-growth-factor=1');
}

/**
 * Parts (of 40 lines or more) from which a check is worth loading `node:v8`:
 * importing the seed roadmaps (4–11 parts) grew the semi-spaces to 2 or
 * 4 MiB, the benchmark's first 1,000 lines to 16 MiB.
 */
const LONG_PARSE = 16;
/** The young generation (two semi-spaces) that a long parse stops growing at, in bytes. */
const PARSE_YOUNG = 2 * 8 * 2 ** 20;

/**
 * The bytecode TurboFan may inline into one function it optimizes during a
 * long parse, in bytes (V8's default is 920). micromark is hundreds of small
 * functions calling each other; inlining them made large compile jobs, whose
 * memory (on V8's compiler threads) stayed in the process and whose work,
 * on two cores, took time from the parse. Any budget from 0 to 200 gave the
 * same: importing the 1.2 MB roadmap 89–90 MiB instead of 96, and 10–14%
 * faster (11 alternating runs; docs/performance.md).
 */
const PARSE_INLINING = 100;

/** What a parse calls: after each part, and once after the last. */
export interface ParseHeap {
  afterPart(): void;
  done(): void;
}

/**
 * For a parse of `parts` parts of a document: a check to run after each
 * part, which stops the young generation growing once its semi-spaces are
 * 8 MiB each (V8's largest is 16), and a full garbage collection when the
 * parse is done. A long parse also inlines less (PARSE_INLINING). micromark
 * allocated about 1.3 GB for the 1.2 MB roadmap of the benchmark, nearly
 * all of it dead by the end of its part, so 8 MiB semi-spaces scavenge it
 * about as fast as 16 MiB ones, for 16 MiB less memory: the parser alone
 * peaked at 84 MiB instead of 98, `import` at 106 instead of 117
 * (docs/performance.md). Some of it lives through two scavenges and is
 * promoted to the old generation, where it stays until V8's next full
 * collection, which a parse that ends below V8's limit for that generation
 * never reaches: what the command does next (a re-import matching the
 * stored items, the writes) then took new pages instead of that memory.
 * Collecting it once the parse is done (about 15 ms at 10,000 items) took
 * the re-import of the benchmark's roadmap from 95-96 to 90-91 MiB
 * (collectGarbage).
 */
export function parsingParts(parts: number): ParseHeap {
  const v8 = kept || parts < LONG_PARSE ? undefined : loadV8();
  if (!v8) return { afterPart: () => {}, done: () => {} };
  setFlag(v8, `--max-inlined-bytecode-size-cumulative=${PARSE_INLINING}`);
  return {
    afterPart: () => {
      if (kept) return;
      const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
      if (young && young.space_size >= PARSE_YOUNG) keepYoungGeneration(v8);
    },
    done: () => collectGarbage(v8),
  };
}

/**
 * Readies the process for short work (the plan table made ahead) after a
 * command that parsed a long document or held thousands of rows: a full
 * garbage collection now (see collectGarbage), since what it left can take
 * tens of MiB that the work after it would otherwise add to; and TurboFan
 * off, as in a short command (SHORT_COMMAND), since the work after it runs
 * its loops once: after the import of the benchmark's 1.2 MB roadmap,
 * making the plan table took 84 ms without it and 143 ms with it (5 runs
 * each under `--cpu-prof`, pinned to one CPU, where V8's compiler thread
 * and the command share it). A smaller command left little, and keeps
 * V8's flags as they were, so that its code cache is saved (FLAGS_CHANGED).
 */
export function afterLongWork(): void {
  if ((globalThis as Record<symbol, unknown>)[FLAGS_CHANGED] !== true) return;
  const v8 = loadV8();
  if (!v8) return;
  collectGarbage(v8);
  setFlag(v8, '--no-turbofan');
}

/**
 * A full garbage collection. No public API asks V8 for one: with
 * `--expose-gc` set, each new context gets V8's `gc` function, so one is
 * made for it (the command's own context gets no `gc`). A V8 that ignores
 * the flag at run time makes a context without it, and nothing is collected.
 */
function collectGarbage(v8: typeof import('node:v8')): void {
  setFlag(v8, '--expose-gc');
  const vm = process.getBuiltinModule?.('node:vm') as typeof import('node:vm') | undefined;
  const gc: unknown = vm?.runInNewContext('typeof gc === "function" ? gc : undefined');
  if (typeof gc === 'function') gc();
}
