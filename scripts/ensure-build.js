// `npm start` on a fresh clone: compile first when dist/ is missing or older than the sources.
const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist', 'src', 'index.js');

function newestMtime(dir) {
  let newest = 0;
  for (const name of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(ts|json)$/.test(name.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const stale = !fs.existsSync(entry) ||
  Math.max(...['src', 'sandbox', 'cards'].map((dir) => newestMtime(path.join(root, dir)))) > fs.statSync(entry).mtimeMs;
if (stale) {
  execSync('npx --no-install tsc -p tsconfig.json', { cwd: root, stdio: 'inherit' });
}
