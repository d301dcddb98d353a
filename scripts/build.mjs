// Bundles the CLI with esbuild into CommonJS files in dist/. CommonJS because
// Node 20 starts a CommonJS file about 10 ms faster than an ES module, and
// start-up is most of what `ai-learn progress` costs.
//
// esbuild splits code only for ES modules, so heavy parts are split by hand:
// each module in SEPARATE becomes its own file, and every other bundle loads
// it with require() when first used. `progress` thus never loads the markdown
// reader (micromark and mdast), zod or ical-generator. errors.ts is separate too, so that every
// bundle shares one copy of the error classes and `instanceof` holds.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve, dirname } from 'node:path';
import { MARK, readPatches } from './patches.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SEPARATE = {
  'src/errors.ts': 'errors',
  'src/roadmap/reader.ts': 'reader',
  'src/store/backup.ts': 'backup',
  'src/export/ics.ts': 'ics',
};
// Each command is a bundle of its own (cmd-NAME.cjs), loaded by the CLI when
// that command runs: a command compiles and initialises only its own code.
const COMMANDS = readdirSync(resolve(root, 'src/commands'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3));
for (const name of COMMANDS) SEPARATE[`src/commands/${name}.ts`] = `cmd-${name}`;
const cliSource = resolve(root, 'src/cli.ts');
const separateByPath = new Map(Object.entries(SEPARATE).map(([src, name]) => [resolve(root, src), name]));

const loadSeparately = {
  name: 'load-separately',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const target = resolve(dirname(args.importer), args.path.replace(/\.js$/, '.ts'));
      const name = separateByPath.get(target);
      // Commands import each other's helpers (init uses import): those are bundled in; only the CLI loads them apart.
      if (name?.startsWith('cmd-') && args.importer !== cliSource) return undefined;
      return name ? { path: `./${name}.cjs`, external: true } : undefined;
    });
  },
};

// commander requires child_process at load time, for executable subcommands,
// which ai-learn does not use; loading it (and net, dgram, streams) costs every
// command about 6 ms. Commander gets a stand-in that loads it on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/commander/`) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

// The build's identity: a hash of the sources and the locked dependencies.
// Views cached in a database (src/store/views.ts) are reused only by the
// build that computed them.
const patches = readPatches();
const buildId = (() => {
  const hash = createHash('sha256');
  for (const file of readdirSync(resolve(root, 'src'), { recursive: true }).map(String).sort()) {
    if (file.endsWith('.ts') && !file.endsWith('.test.ts')) hash.update(file).update(readFileSync(resolve(root, 'src', file)));
  }
  hash.update(readFileSync(resolve(root, 'package-lock.json')));
  for (const patch of patches) hash.update(patch.name).update(patch.text);
  return hash.digest('hex').slice(0, 16);
})();

// patches/ changes dependencies where they are slow (see patches/README.md).
// The install applies them (`prepare` runs patch-package); a build without
// them would parse the same trees slower, so it stops instead. Every file a
// patch changes carries the mark "Patched by ai-learn".
const unpatched = patches
  .flatMap((patch) => patch.files)
  .filter((file) => !existsSync(resolve(root, file)) || !readFileSync(resolve(root, file), 'utf8').includes(MARK));
if (unpatched.length > 0) {
  console.error(`${unpatched.join(', ')} ${unpatched.length === 1 ? 'is' : 'are'} not patched: run \`npx patch-package\` (see patches/README.md).`);
  process.exit(1);
}

rmSync(resolve(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // cli.cjs is src/boot.ts, which loads the CLI (main.cjs) and the other bundles with V8's code cache.
  entryPoints: { cli: 'src/boot.ts', main: 'src/cli.ts', ...Object.fromEntries(Object.entries(SEPARATE).map(([src, name]) => [name, src])) },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // better-sqlite3's JavaScript is bundled (a dozen files fewer to find and
  // compile at start-up); its native addon stays in node_modules and is
  // handed over by path (see src/store/db.ts).
  define: {
    __AI_LEARN_BUNDLE__: 'true',
    __AI_LEARN_BUILD__: JSON.stringify(buildId),
    __AI_LEARN_VERSION__: JSON.stringify(JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version),
  },
  external: ['*.node'],
  // import() of a bundle loaded apart (`await import('../export/ics.js')`) becomes
  // require(): kept as import(), it started Node's ES module loader, 40 ms and 4 MiB.
  supported: { 'dynamic-import': false },
  plugins: [loadSeparately, lazyChildProcess],
  minify: true,
  logLevel: 'warning',
});
