import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, ROOT, seed, tempDir } from './helpers/cli.js';

// dist/cli.cjs (src/boot.ts) loads the CLI and the bundles it requires with
// V8's code cache, kept in dist/.v8-cache. A cache must never change what a
// command does: missing, damaged, of an older build, or turned off.

describe('the code cache', () => {
  it('is written beside the bundles, read back as it is, and a damaged, outdated or missing one changes nothing', () => {
    // A copy of dist beside it (its bundles find node_modules from there), so that this test's cache is its own.
    const copy = join(ROOT, `.dist-copy-${process.pid}`);
    cpSync(join(ROOT, 'dist'), copy, { recursive: true, filter: (path) => !path.includes('.v8-cache') });
    const cacheDir = join(copy, '.v8-cache');
    const cli = join(copy, 'cli.cjs');
    const cached = () => (existsSync(cacheDir) ? readdirSync(cacheDir).sort() : []);
    const mainCache = () => cached().find((name) => name.startsWith('main.cjs-'))!;
    try {
      const home = tempDir();
      ok(home, ['import', seed('000')], { cli });
      ok(home, ['done', '1'], { cli });
      const progress = () => ok(home, ['progress'], { cli, env: { AI_LEARN_VIEW_CACHE: 'off' } });
      const expected = ok(home, ['progress'], { env: { AI_LEARN_VIEW_CACHE: 'off', AI_LEARN_CODE_CACHE: 'off' } });
      expect(progress()).toBe(expected);
      // The CLI and each bundle it loaded, keyed by the file's size and time.
      const size = statSync(join(copy, 'main.cjs')).size;
      expect(cached()).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^main\\.cjs-${size}-\\d+\\.v8$`)), expect.stringMatching(/^cmd-progress\.cjs-/), expect.stringMatching(/^cmd-import\.cjs-/)]));
      expect(cached().every((name) => name.endsWith('.v8'))).toBe(true);

      // Read back, not written again: V8 took it.
      const written = statSync(join(cacheDir, mainCache())).mtimeMs;
      expect(progress()).toBe(expected);
      expect(statSync(join(cacheDir, mainCache())).mtimeMs).toBe(written);

      // Damaged: V8 refuses it, the CLI is compiled as usual and the cache written anew.
      writeFileSync(join(cacheDir, mainCache()), 'not a code cache');
      expect(progress()).toBe(expected);
      expect(readFileSync(join(cacheDir, mainCache()), 'utf8')).not.toBe('not a code cache');

      // A bundle built again (another time): its old cache is removed, a new one written.
      const before = mainCache();
      utimesSync(join(copy, 'main.cjs'), new Date(), new Date(Date.now() + 60_000));
      expect(progress()).toBe(expected);
      expect(mainCache()).not.toBe(before);
      expect(cached().filter((name) => name.startsWith('main.cjs-'))).toHaveLength(1);

      // A command that changes V8's flags (loading 2,000 items or more: src/io/heap.ts) saves no cache: V8
      // would refuse it in every process that starts without them, and the CLI's would be written on each run.
      const big = join(tempDir(), 'big.md');
      const items = Array.from({ length: 2100 }, (_, i) => `- [ ] Study topic ${i + 1} and write a short summary`);
      writeFileSync(big, ['# Long Study Plan', '', '## Part 1', '', ...items, ''].join('\n'));
      const other = tempDir();
      ok(other, ['import', big], { cli });
      rmSync(join(cacheDir, mainCache()));
      ok(other, ['show', '--json'], { cli });
      expect(mainCache()).toBeUndefined();
      expect(progress()).toBe(expected); // this one saves it
      const kept = mainCache();
      const keptAt = statSync(join(cacheDir, kept)).mtimeMs;
      ok(other, ['show', '--json'], { cli });
      expect(progress()).toBe(expected);
      expect(mainCache()).toBe(kept);
      expect(statSync(join(cacheDir, kept)).mtimeMs).toBe(keptAt);

      // Turned off: nothing read or written.
      rmSync(cacheDir, { recursive: true });
      expect(ok(home, ['progress'], { cli, env: { AI_LEARN_VIEW_CACHE: 'off', AI_LEARN_CODE_CACHE: 'off' } })).toBe(expected);
      expect(existsSync(cacheDir)).toBe(false);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
