// Last line of defence for free text that may end up in logs or replies: removes bearer tokens,
// token-like query parameters and whole URLs (replaced by their safe path).
import { toSafePath } from './safe-path';

const MAX_LENGTH = 300;

export function scrubText(text: string): string {
  const scrubbed = text
    .replace(/\bBearer\s+[^\s"',;]+/gi, 'Bearer [redacted]')
    .replace(/\b(access_token|refresh_token|client_secret|token|code)=[^&\s"']+/gi, '$1=[redacted]')
    .replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (url) => toSafePath(url));
  return scrubbed.length > MAX_LENGTH ? `${scrubbed.slice(0, MAX_LENGTH - 1)}…` : scrubbed;
}
