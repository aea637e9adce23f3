// Keeps the admin refresh token that Webex rotated, so a restart does not go back to the configured
// one (which rotation has killed). The file is written atomically (temp file + rename) with mode 0600.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface SavedRefreshToken {
  clientId: string;
  refreshToken: string;
  /**
   * Fingerprint of the configured refresh token this one descends from. When the operator configures a
   * new refresh token (re-authorization), the saved one belongs to an older chain and is ignored.
   */
  configuredTokenSha256: string;
  savedAt: string;
}

const FILE_MODE = 0o600;

export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function isSaved(value: unknown): value is SavedRefreshToken {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.clientId === 'string' &&
    typeof v.refreshToken === 'string' &&
    v.refreshToken !== '' &&
    typeof v.configuredTokenSha256 === 'string' &&
    typeof v.savedAt === 'string'
  );
}

export type ReadResult = { found: true; saved: SavedRefreshToken } | { found: false; reason: 'missing' | 'unreadable' | 'malformed' };

export async function readRefreshTokenFile(file: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    return { found: false, reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isSaved(parsed) ? { found: true, saved: parsed } : { found: false, reason: 'malformed' };
  } catch {
    return { found: false, reason: 'malformed' };
  }
}

/** Writes next to the target and renames over it, so a crash never leaves half a token behind. */
export async function writeRefreshTokenFile(file: string, saved: SavedRefreshToken): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', FILE_MODE);
  try {
    await handle.writeFile(`${JSON.stringify(saved, null, 2)}\n`, 'utf8');
    // A umask can take bits away from the mode given to open(); the file must end up exactly 0600.
    await handle.chmod(FILE_MODE);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}
