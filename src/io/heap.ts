/**
 * V8's young generation, tuned for a command that loads thousands of rows
 * and keeps them until it exits.
 *
 * V8 starts each of the young generation's two semi-spaces at 1 MiB and
 * doubles them, up to 16 MiB, whenever enough of what it allocated survives
 * its scavenges. Ten thousand items loaded for `progress` or an export all
 * survive, so the young generation grew to 32 MiB only to copy the same
 * long-lived objects through bigger spaces before promoting them. Kept at
 * its starting size it promotes them just the same (after two scavenges).
 * At 10,000 items and 100,000 events the first `progress` after a change
 * took 10% less time and 11 MiB less memory, `export --format md` and
 * `--format ics` 17% and 12% less time and 22 MiB less (README:
 * Performance, "Young generation").
 *
 * Not for parsing markdown: micromark's objects live for a part of the
 * document and then die, and promoting them made `import` 50% slower.
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
 * later V8 that refuses a factor below 2 ignores it). Without
 * `process.getBuiltinModule` (Node.js before 20.16) nothing changes.
 */
export function holdingRows(rows: number): void {
  if (kept || rows < MANY_ROWS) return;
  kept = true;
  const v8 = process.getBuiltinModule?.('node:v8') as typeof import('node:v8') | undefined;
  v8?.setFlagsFromString('--semi-space-growth-factor=1');
}
