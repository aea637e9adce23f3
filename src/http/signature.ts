// Webex signs each webhook body: X-Spark-Signature = hex HMAC-SHA1(secret, exact bytes sent).
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(body: Buffer | string, secret: string): string {
  return createHmac('sha1', secret).update(body).digest('hex');
}

/** Constant-time check of the header against the raw bytes. Any malformed header is simply "not valid". */
export function isValidSignature(rawBody: Buffer, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || !/^[0-9a-fA-F]{40}$/.test(header.trim())) return false;
  const expected = Buffer.from(signBody(rawBody, secret), 'hex');
  const given = Buffer.from(header.trim(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
