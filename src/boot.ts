#!/usr/bin/env node
// The command's first file (dist/cli.cjs): it loads the CLI (dist/main.cjs)
// and the bundles it requires with V8's code cache, kept beside them in
// dist/.v8-cache. Compiling the CLI and a command's bundle took 7-12 ms of
// every command; from the cache V8 deserializes them instead (Node 22 has
// module.enableCompileCache() for this; Node 20 has nothing). The cache is
// as trusted as the bundles beside it, is only ever an optimization (a
// folder that cannot be written, a file V8 rejects: compiled as usual), and
// AI_LEARN_CODE_CACHE=off turns it off.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

interface LoadedModule {
  exports: unknown;
  require(id: string): unknown;
}
interface ModuleInternals {
  _extensions: Record<string, (module: LoadedModule, filename: string) => void>;
  _resolveFilename(request: string, parent: LoadedModule, isMain: boolean, options?: unknown): string;
  _cache: unknown;
  wrap(source: string): string;
}

const internals = Module as unknown as ModuleInternals;
const here = __dirname;
const cacheDir = join(here, '.v8-cache');
/** Scripts compiled without a usable cache: their cache is written at exit, when it also holds the functions that ran. */
const toSave: { script: Script; file: string; stale: string }[] = [];

function compileCached(module: LoadedModule, filename: string): void {
  const fd = openSync(filename, 'r');
  let source: string;
  let key: string;
  try {
    const stat = fstatSync(fd);
    // V8 checks a cache against the source's length only: the key names the file's size and time too.
    key = `${basename(filename)}-${stat.size}-${Math.trunc(stat.mtimeMs)}`;
    source = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  const file = join(cacheDir, `${key}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
  } catch {
    // None yet.
  }
  // A #! line is only valid at the very start of a script, not inside the module wrapper.
  const body = source.startsWith('#!') ? `//${source}` : source;
  const script = new Script(internals.wrap(body), { filename, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) toSave.push({ script, file, stale: `${basename(filename)}-` });
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const requireHere = Object.assign((id: string) => module.require(id), {
    resolve: (request: string, options?: unknown) => internals._resolveFilename(request, module, false, options),
    cache: internals._cache,
    main: require.main,
  });
  run.call(module.exports, module.exports, requireHere, module, filename, dirname(filename));
}

/** What src/io/heap.ts sets once it has changed V8's flags (the same symbol, without loading that bundle). */
const FLAGS_CHANGED = Symbol.for('ai-learn.v8-flags-changed');

function saveCaches(): void {
  // A cache made now would carry the changed flags' hash, and be refused by every process that starts without them.
  if (toSave.length === 0 || (globalThis as Record<symbol, unknown>)[FLAGS_CHANGED] === true) return;
  let present: string[];
  try {
    mkdirSync(cacheDir, { recursive: true });
    present = readdirSync(cacheDir);
  } catch {
    return; // A folder that cannot be written: no cache.
  }
  for (const { script, file, stale } of toSave) {
    const temporary = `${file}.${process.pid}`;
    try {
      // Caches of earlier builds of the same bundle are never read again.
      for (const name of present) if (name.startsWith(stale) && name !== basename(file)) rmSync(join(cacheDir, name), { force: true });
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, file);
    } catch {
      try {
        unlinkSync(temporary);
      } catch {
        // Never written.
      }
    }
  }
}

if (process.env.AI_LEARN_CODE_CACHE !== 'off') {
  const js = internals._extensions['.js']!;
  internals._extensions['.js'] = (module, filename) => (dirname(filename) === here ? compileCached(module, filename) : js(module, filename));
  process.once('exit', saveCaches);
}
require(join(here, 'main.cjs'));
