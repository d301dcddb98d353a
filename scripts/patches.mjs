// What patches/ holds, for the build (which checks the patches are applied and
// hashes them into its id) and for check-patch.mjs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The mark every file a patch changes carries once patched. */
export const MARK = 'Patched by ai-learn';

/**
 * The patches, in name order: each one's file name ("NAME+VERSION.patch"),
 * text, and the files it changes as paths from the project's root
 * ("node_modules/NAME/...").
 */
export function readPatches() {
  return readdirSync(join(root, 'patches'))
    .filter((name) => name.endsWith('.patch'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(root, 'patches', name), 'utf8');
      return { name, text, files: [...text.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((m) => m[1]) };
    });
}
