import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type SavedRefreshToken, fingerprint, readRefreshTokenFile, writeRefreshTokenFile } from '../../../src/store/refresh-token-file';

const SAVED: SavedRefreshToken = {
  clientId: 'client-1',
  refreshToken: 'rotated-refresh-token',
  configuredTokenSha256: fingerprint('configured-refresh-token'),
  savedAt: '2024-06-01T10:00:00.000Z',
};

describe('store/refresh-token-file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'refresh-token-file-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('writes a file only its owner can read and reads it back', async () => {
    const file = path.join(dir, 'nested', 'admin-token.json');
    await writeRefreshTokenFile(file, SAVED);
    assert.equal((await fs.stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(await readRefreshTokenFile(file), { found: true, saved: SAVED });
  });

  it('replaces a looser existing file with a 0600 one and leaves no temporary file behind', async () => {
    const file = path.join(dir, 'admin-token.json');
    await fs.writeFile(file, 'old', { mode: 0o644 });
    await writeRefreshTokenFile(file, SAVED);
    assert.equal((await fs.stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(await fs.readdir(dir), ['admin-token.json']);
  });

  it('is exactly 0600 even under a umask that takes the owner’s write bit', async () => {
    const file = path.join(dir, 'admin-token.json');
    const previous = process.umask(0o277);
    try {
      await writeRefreshTokenFile(file, SAVED);
    } finally {
      process.umask(previous);
    }
    assert.equal((await fs.stat(file)).mode & 0o777, 0o600);
  });

  it('tells a missing file from a malformed one', async () => {
    assert.deepEqual(await readRefreshTokenFile(path.join(dir, 'absent.json')), { found: false, reason: 'missing' });
    const file = path.join(dir, 'bad.json');
    await fs.writeFile(file, JSON.stringify({ clientId: 'client-1', refreshToken: '' }));
    assert.deepEqual(await readRefreshTokenFile(file), { found: false, reason: 'malformed' });
    await fs.writeFile(file, '{');
    assert.deepEqual(await readRefreshTokenFile(file), { found: false, reason: 'malformed' });
  });

  it('fingerprints with SHA-256 so the file never holds the configured token itself', () => {
    assert.equal(fingerprint('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
