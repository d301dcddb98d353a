// Checks that patches/ leaves mdast-util-from-markdown's output as it was.
// It fetches the unpatched package from the registry (`npm pack`), then parses
// the seed roadmaps, the test fixtures, the built-in roadmap, the benchmark's
// generated 10,000-item roadmap and 20,000 random documents with both copies
// (both builds of each: the default and the "development" one), with and
// without GFM, and compares the trees. Run: node scripts/check-patch.mjs [--runs N]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import { unified } from 'unified';
import { bigRoadmap } from '../bench/generate.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20000' } } });
const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'node_modules/mdast-util-from-markdown/package.json'), 'utf8'));

// Inside node_modules, so that the unpatched copy resolves micromark and the rest as the patched one does.
const dir = join(root, 'node_modules/.cache/unpatched-mdast-util-from-markdown');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const tarball = execFileSync('npm', ['pack', `mdast-util-from-markdown@${version}`, '--silent'], { cwd: dir, encoding: 'utf8' }).trim();
execFileSync('tar', ['xzf', tarball, '--strip-components=1'], { cwd: dir });
const installed = join(root, 'node_modules/mdast-util-from-markdown');
const load = async (base, build) => (await import(pathToFileURL(join(base, build, 'index.js')).href)).fromMarkdown;
const builds = [];
for (const build of ['', 'dev']) {
  if (!readFileSync(join(installed, build, 'lib/index.js'), 'utf8').includes('Patched by ai-learn')) throw new Error(`${build || 'the default'} build is not patched`);
  if (readFileSync(join(dir, build, 'lib/index.js'), 'utf8').includes('Patched by ai-learn')) throw new Error('the fetched copy is patched');
  builds.push({ patched: await load(installed, build), unpatched: await load(dir, build) });
}

// What remark-gfm gives the parser: the same extensions for both copies.
const data = unified().use(remarkGfm).data();
const gfm = { extensions: data.micromarkExtensions, mdastExtensions: data.fromMarkdownExtensions };
const same = (text) =>
  builds.every(({ patched, unpatched }) => [{}, gfm].every((options) => JSON.stringify(patched(text, options)) === JSON.stringify(unpatched(text, options))));

const seeds = resolve(root, '../shared/seeds');
const files = [
  ...readdirSync(seeds).map((f) => join(seeds, f)),
  ...readdirSync(join(root, 'test/fixtures')).filter((f) => f.endsWith('.md')).map((f) => join(root, 'test/fixtures', f)),
  ...readdirSync(join(root, 'roadmaps')).map((f) => join(root, 'roadmaps', f)),
];
const documents = [...files.map((f) => [f, readFileSync(f, 'utf8')]), ['generated 10,000-item roadmap', bigRoadmap()]];
for (const [name, text] of documents) if (!same(text)) throw new Error(`The trees differ for ${name}`);

const piece = fc.constantFrom(
  '# ', '- ', '* ', '1. ', '- [ ] ', '- [x] ', '> ', '|', '---', ':-', '`', '```', '~~', '*', '_', '[', ']', '(', ')', '[^1]', '[^1]: ',
  '[a]: http://x', 'http://a.b', 'www.x.y', 'a@b.c', '<div>', '</div>', '<!--', '-->', '\n', '\n\n', '    ', '  ', 'word', '&amp;', '\\', '![i](u)', '\t',
);
fc.assert(fc.property(fc.array(piece, { maxLength: 60 }).map((p) => p.join('')), same), { numRuns: Number(values.runs) });
rmSync(dir, { recursive: true, force: true });
console.log(`mdast-util-from-markdown ${version}: the patched and the unpatched copy (both builds) give the same trees for ${documents.length} documents and ${values.runs} random ones, with and without GFM.`);
