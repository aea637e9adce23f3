// Files that ship beside the code (the sandbox page, vendor bundles), found from the package root so that
// the same code works from src/ and from dist/src/.
import fs from 'node:fs';
import path from 'node:path';

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + start);
    dir = parent;
  }
}

export const packageRoot = findPackageRoot(__dirname);
export const sandboxPublicDir = path.join(packageRoot, 'sandbox', 'public');
