// `max` checking and Link rel="next" pages, the way Webex pages its list endpoints.
import type { Request, Response } from 'express';
import { badRequest } from './webex-error';

/** A query parameter as one string (the first when repeated). */
export function queryParam(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

export function parseMax(req: Request, defaultMax: number, limit: number): number {
  const raw = queryParam(req, 'max');
  if (raw === undefined) return defaultMax;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > limit) {
    throw badRequest(`max must be an integer between 1 and ${limit}.`);
  }
  return Number(raw);
}

function parseCursor(req: Request): number {
  const raw = queryParam(req, 'cursor');
  if (raw === undefined) return 0;
  const offset = Number(Buffer.from(raw, 'base64url').toString('utf8').replace(/^offset:/, ''));
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('Invalid cursor.');
  return offset;
}

/** The URL of this same call with `params` replaced; absolute, because the SDK follows it as is. */
export function selfUrl(req: Request, params: Record<string, string>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) {
    if (key in params) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') search.append(key, v);
  }
  for (const [key, value] of Object.entries(params)) search.set(key, value);
  const path = req.originalUrl.split('?')[0];
  return `${req.protocol}://${req.get('host')}${path}?${search.toString()}`;
}

/** One page of `items` by offset cursor; sets the Link header when more remain. */
export function paginate<T>(req: Request, res: Response, items: T[], max: number): T[] {
  const offset = parseCursor(req);
  const page = items.slice(offset, offset + max);
  if (offset + max < items.length) {
    const cursor = Buffer.from(`offset:${offset + max}`).toString('base64url');
    res.setHeader('Link', `<${selfUrl(req, { cursor, max: String(max) })}>; rel="next"`);
  }
  return page;
}
