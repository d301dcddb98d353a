// Checks that patches/ leaves the markdown parser's output, and the
// calendar's text, as they were.
//
// It fetches from the registry (`npm pack`) the unpatched copy of every
// patched package and of every installed package that depends on one, directly
// or not (micromark, remark-gfm, ...), into node_modules/.cache/unpatched, so
// that the unpatched parser resolves only unpatched code. Then it parses the
// seed roadmaps, the test fixtures, the built-in roadmap, the benchmark's
// generated 10,000-item roadmap and 20,000 random documents with the installed
// (patched) parser and the unpatched one, with and without GFM, and compares
// the trees; and it writes calendars with random and very long event texts
// with both copies of ical-generator and compares the text. It does so twice:
// with the packages' default builds, and with their "development" builds (a
// second process, run with --conditions=development).
//
// Run: node scripts/check-patch.mjs [--runs N]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import ical from 'ical-generator';
import { fromMarkdown } from 'mdast-util-from-markdown';
import remarkGfm from 'remark-gfm';
import { unified } from 'unified';
import { bigRoadmap } from '../bench/generate.mjs';
import { MARK, readPatches } from './patches.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20000' }, child: { type: 'boolean', default: false } } });
const root = fileURLToPath(new URL('..', import.meta.url));
// Inside node_modules, so that what the unpatched copies do not bring resolves as for the installed ones.
const cache = join(root, 'node_modules/.cache/unpatched');
const modules = join(cache, 'node_modules');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const patches = readPatches();
/** The files the patches change, as paths from the project's root ("node_modules/NAME/..."). */
const changed = patches.flatMap((patch) => patch.files);

/** The package a path under node_modules belongs to: "node_modules/NAME/..." or "node_modules/@SCOPE/NAME/...". */
const packageOf = (file) => {
  const parts = file.split('/');
  return parts.slice(1, parts[1].startsWith('@') ? 3 : 2).join('/');
};

/** The installed packages (top level) that are patched or depend on one that is, with their versions. */
function affectedPackages() {
  const names = readdirSync(join(root, 'node_modules'))
    .filter((d) => !d.startsWith('.'))
    .flatMap((d) => (d.startsWith('@') ? readdirSync(join(root, 'node_modules', d)).map((e) => `${d}/${e}`) : [d]));
  const installed = new Map();
  for (const name of names) {
    const file = join(root, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      const json = readJson(file);
      installed.set(name, { version: json.version, dependencies: Object.keys(json.dependencies ?? {}) });
    }
  }
  // patch-package names a patch NAME+VERSION.patch, with "+" for the "/" of a scope.
  const affected = new Set(patches.map(({ name }) => name.slice(0, name.lastIndexOf('+')).replace('+', '/')));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, { dependencies }] of installed) {
      if (!affected.has(name) && dependencies.some((d) => affected.has(d))) {
        affected.add(name);
        grew = true;
      }
    }
  }
  return [...affected].map((name) => `${name}@${installed.get(name).version}`);
}

function fetchUnpatched() {
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(modules, { recursive: true });
  const specs = affectedPackages();
  const packed = JSON.parse(execFileSync('npm', ['pack', ...specs, '--json', '--silent'], { cwd: cache, encoding: 'utf8' }));
  if (packed.length !== specs.length) throw new Error(`npm pack gave ${packed.length} packages for ${specs.length}`);
  for (const { name, filename } of packed) {
    const dir = join(modules, name);
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['xzf', join(cache, filename), '--strip-components=1'], { cwd: dir });
  }
  // What the unpatched side imports, resolved from inside the cache.
  writeFileSync(
    join(cache, 'entry.mjs'),
    [
      "export { fromMarkdown } from 'mdast-util-from-markdown';",
      "export { default as remarkGfm } from 'remark-gfm';",
      "export { default as ical } from 'ical-generator';",
      'export const where = (name) => import.meta.resolve(name);',
      '',
    ].join('\n'),
  );
  return specs;
}

/** Compares the trees in this process, under the conditions it was started with. */
async function compare() {
  for (const file of changed) {
    if (!readFileSync(join(root, file), 'utf8').includes(MARK)) throw new Error(`${file} is not patched`);
    if (readFileSync(join(cache, file), 'utf8').includes(MARK)) throw new Error(`the fetched copy of ${file} is patched`);
  }
  const unpatched = await import(pathToFileURL(join(cache, 'entry.mjs')).href);
  // Each side loads its own copy of every patched package, in the build this process asked for.
  const development = process.execArgv.includes('--conditions=development');
  for (const name of new Set(changed.map(packageOf))) {
    const [mine, theirs] = [import.meta.resolve(name), unpatched.where(name)].map((url) => fileURLToPath(url));
    if (!mine.startsWith(join(root, 'node_modules', name, '/')) || !theirs.startsWith(join(modules, name, '/'))) {
      throw new Error(`${name} resolves to ${mine} and ${theirs}, not to the installed and the fetched copy`);
    }
    // Only some packages have a development build (micromark's, in dev/).
    const hasDevelopment = JSON.stringify(readJson(join(root, 'node_modules', name, 'package.json')).exports ?? {}).includes('"development"');
    if ([mine, theirs].some((file) => file.includes('/dev/') !== (development && hasDevelopment))) {
      throw new Error(`${name} resolves to ${mine} and ${theirs}, not both to the ${development && hasDevelopment ? 'development' : 'default'} build`);
    }
  }
  // What remark-gfm gives the parser, each side from its own copy.
  const gfmOf = (plugin) => {
    const data = unified().use(plugin).data();
    return { extensions: data.micromarkExtensions, mdastExtensions: data.fromMarkdownExtensions };
  };
  const sides = [
    { parse: fromMarkdown, gfm: gfmOf(remarkGfm) },
    { parse: unpatched.fromMarkdown, gfm: gfmOf(unpatched.remarkGfm) },
  ];
  if (sides[0].parse === sides[1].parse) throw new Error('both sides load the same parser');
  const same = (text) =>
    [false, true].every((withGfm) => {
      const [a, b] = sides.map(({ parse, gfm }) => JSON.stringify(parse(text, withGfm ? gfm : {})));
      return a === b;
    });

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

  // The calendar: ical-generator folds its lines at 75 bytes of UTF-8. It has no development build,
  // but an ES module and a CommonJS one, patched alike: both are compared, each with its unpatched copy.
  const builds = [
    [ical, unpatched.ical],
    [createRequire(import.meta.url)('ical-generator').default, createRequire(join(cache, 'entry.mjs'))('ical-generator').default],
  ];
  for (const [mine, theirs] of builds) if (mine === theirs) throw new Error('both sides load the same ical-generator');
  if (builds[0][0] === builds[1][0]) throw new Error('the ES module and the CommonJS build of ical-generator are the same');
  const calendarsAgree = (summary, description) =>
    builds.every((pair) => {
      const [a, b] = pair.map((make) => {
        const calendar = make({ name: 'check', prodId: { company: 'ai-learn', product: 'check', language: 'EN' } });
        calendar.createEvent({ id: 'check@ai-learn', start: '2026-01-05', allDay: true, stamp: new Date(0), summary, description });
        return calendar.toString();
      });
      return a === b;
    });
  if (!calendarsAgree('The generated roadmap', bigRoadmap())) throw new Error('The calendars differ for the generated 10,000-item roadmap as a description');
  // Any UTF-16 code unit (lone surrogates too), characters of 1 to 4 bytes, line breaks and long runs.
  const unit = fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('a', ' ', 'é', '€', '😀', '\ud83d', '\ude00', '\r\n', '\n', ',', ';', '\\'),
    fc.string({ unit: 'binary', maxLength: 90 }),
  );
  const text = fc.array(unit, { maxLength: 200 }).map((u) => u.join(''));
  fc.assert(fc.property(text, text, calendarsAgree), { numRuns: Number(values.runs) });
  return documents.length;
}

if (values.child) {
  await compare();
} else {
  const specs = fetchUnpatched();
  const count = await compare();
  execFileSync(process.execPath, ['--conditions=development', fileURLToPath(import.meta.url), '--child', '--runs', values.runs], { stdio: 'inherit' });
  rmSync(cache, { recursive: true, force: true });
  console.log(
    `${patches.map(({ name }) => name.replace(/\.patch$/, '')).join(', ')}: the patched and the unpatched parser give the same trees for ${count} documents and ${values.runs} random ones, with and without GFM, and ical-generator (ES module and CommonJS) the same calendars for ${values.runs} random events and a 1 MB one, in both builds (unpatched copies of ${specs.length} packages).`,
  );
}
