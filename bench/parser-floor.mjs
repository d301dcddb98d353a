// The floor under `import`: mdast-util-from-markdown alone (micromark, plain
// CommonMark, no GFM and none of ai-learn's reading) turning the same file
// into mdast, cut before a heading once a part has 40 lines, as ai-learn
// cuts a file without fences or definitions (src/roadmap/parse.ts). A whole
// process, so the benchmark can time it and take its peak memory like any
// command. Like the import (src/io/heap.ts: parsingParts), it stops V8's
// young generation growing once its semi-spaces are 8 MiB, and lowers
// TurboFan's inlining budget to 100 bytes, so that the two compare.
// Run: node bench/parser-floor.mjs FILE
import { fromMarkdown } from 'mdast-util-from-markdown';
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';

let capped = false;
function afterPart() {
  if (capped) return;
  const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  if (young.space_size < 2 * 8 * 2 ** 20) return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  capped = true;
}

v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
const lines = readFileSync(process.argv[2], 'utf8').split('\n');
let start = 0;
let nodes = 0;
for (let i = 1; i <= lines.length; i++) {
  if (i === lines.length || (i - start >= 40 && /^#{1,6}\s/.test(lines[i]))) {
    nodes += fromMarkdown(lines.slice(start, i).join('\n')).children.length;
    afterPart();
    start = i;
  }
}
if (nodes === 0) throw new Error('nothing parsed');
