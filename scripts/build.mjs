// Bundles the CLI into dist/ with esbuild. Code splitting keeps the markdown
// stack (used only when a roadmap is read) out of the start-up path of
// commands such as `progress`; better-sqlite3 stays external (native addon).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  banner: { js: '#!/usr/bin/env node' },
  chunkNames: 'chunks/[name]-[hash]',
  minify: false,
  sourcemap: false,
  logLevel: 'warning',
});
