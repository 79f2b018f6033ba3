import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: the nearest folder above this file with a package.json. Walking up (rather than a fixed
 * `../../..`) keeps this right both from source (ts-node, jest) and when compiled (dist/libs/config/src). The
 * scripts and the web service (its templates and design-system assets) both find their files from here.
 */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
