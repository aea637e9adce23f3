// The webhook route: raw bytes → signature → JSON → shape → dedupe → 200 at once → hand-off.
// Nothing reaches the framework before the signature is verified on the exact bytes Webex sent.
import express, { type Request, type Response, type NextFunction, type RequestHandler } from 'express';
import type { Logger } from '../ops/logger';
import { redactForLog } from '../webex/redact';
import type { WebexWebhookEvent } from '../webex/types';
import { eventKey, eventRef, type EventMemory } from './dedupe';
import { isValidSignature } from './signature';

export const MAX_WEBHOOK_BYTES = 64 * 1024;

export interface WebhookReceiverOptions {
  secret: string;
  memory: EventMemory;
  /**
   * Called for every verified, well-formed event before it is checked for age or duplication, for
   * work that is idempotent and must never be skipped (forgetting who is in a space). Must not throw.
   */
  onVerified?: (event: WebexWebhookEvent) => void;
  /** Called after the 200 went out; must not throw (errors are logged). */
  onEvent: (event: WebexWebhookEvent) => Promise<void> | void;
  logger: Logger;
  /** What became of each delivery, for metrics. */
  onResult?: (result: WebhookResult, event?: WebexWebhookEvent) => void;
  /** Events whose data.created is older than this are dropped as stale redeliveries. */
  maxEventAgeMs?: number;
  now?: () => number;
}

export type WebhookResult = 'accepted' | 'duplicate' | 'stale' | 'bad_signature' | 'bad_json' | 'bad_shape' | 'bad_content_type';

export function createWebhookReceiver(opts: WebhookReceiverOptions): RequestHandler[] {
  const result = (r: WebhookResult, event?: WebexWebhookEvent) => {
    try {
      opts.onResult?.(r, event);
    } catch {
      // Metrics must never affect the answer Webex gets.
    }
  };
  const now = opts.now ?? Date.now;
  const maxAge = opts.maxEventAgeMs ?? 60 * 60 * 1000;
  const warn = rateLimitedWarn(opts.logger, 60_000);

  const requireJson: RequestHandler = (req, res, next) => {
    if (!req.is('application/json')) {
      result('bad_content_type');
      res.status(415).json({ message: 'Content-Type must be application/json' });
      return;
    }
    next();
  };

  // No inflation: Webex signs the bytes it sends, so the signature is checked over exactly those, and
  // a compressed body is refused (415) rather than verified after decompressing.
  const raw = express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES, inflate: false });

  const handle: RequestHandler = async (req: Request, res: Response) => {
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!isValidSignature(body, req.headers['x-spark-signature'], opts.secret)) {
      warn('webhook.signature_rejected', { ip: req.ip, bytes: body.length, hasSignature: req.headers['x-spark-signature'] !== undefined });
      result('bad_signature');
      res.status(401).json({ message: 'Invalid or missing X-Spark-Signature' });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      result('bad_json');
      res.status(400).json({ message: 'Body is not valid JSON' });
      return;
    }
    const problem = shapeProblem(parsed);
    if (problem !== undefined) {
      result('bad_shape');
      res.status(400).json({ message: problem });
      return;
    }
    const event = parsed as WebexWebhookEvent;
    try {
      opts.onVerified?.(event);
    } catch (err) {
      opts.logger.error({ err: redactForLog(err), event: eventRef(event) }, 'webhook.on_verified_failed');
    }
    const created = Date.parse(typeof event.data.created === 'string' ? event.data.created : '');
    if (Number.isFinite(created) && now() - created > maxAge) {
      opts.logger.info({ event: eventRef(event) }, 'webhook.stale_event_dropped');
      result('stale', event);
      res.status(200).json({ status: 'stale' });
      return;
    }
    let duplicate: boolean;
    try {
      duplicate = await opts.memory.seen(eventKey(event));
    } catch (err) {
      opts.logger.error({ err: redactForLog(err) }, 'webhook.dedupe_failed');
      res.status(503).json({ message: 'Try again' });
      return;
    }
    if (duplicate) {
      opts.logger.info({ event: eventRef(event) }, 'webhook.duplicate_dropped');
      result('duplicate', event);
      res.status(200).json({ status: 'duplicate' });
      return;
    }
    result('accepted', event);
    res.status(200).json({ status: 'accepted' });
    setImmediate(() => {
      Promise.resolve()
        .then(() => opts.onEvent(event))
        .catch((err) => opts.logger.error({ err: redactForLog(err), event: eventRef(event) }, 'webhook.handoff_failed'));
    });
  };

  return [requireJson, raw, handle];
}

/** Maps body-parser failures (too large, bad encoding) to clear 4xx answers instead of express' HTML page. */
export function webhookErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  const e = err as { type?: string; status?: number };
  if (e.type === 'entity.too.large') {
    res.status(413).json({ message: `Body larger than ${MAX_WEBHOOK_BYTES} bytes` });
  } else if (e.type === 'encoding.unsupported') {
    res.status(415).json({ message: 'Content-Encoding is not supported: Webex signs the uncompressed body it sends' });
  } else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    res.status(e.status).json({ message: 'Bad request' });
  } else {
    res.status(400).json({ message: 'Bad request' });
  }
}

/**
 * Webex IDs are base64url (sometimes with "=" padding). IDs from an event go into API paths (the
 * framework fetches /messages/{data.id}, /people/{data.personId} …), so an event whose IDs have any
 * other shape ("../../people/me") is refused, even when signed.
 */
const WEBEX_ID = /^[A-Za-z0-9_-]{1,256}={0,2}$/;
const ID_FIELDS_OF_DATA = ['roomId', 'personId', 'messageId'] as const;
const NOT_AN_EVENT = 'Body is not a Webex webhook event';

function isWebexIdOrAbsent(v: unknown): boolean {
  return v === undefined || (typeof v === 'string' && WEBEX_ID.test(v));
}

/** Why `v` is not an event the bot can use (the 400 body names the field), or undefined when it is. */
function shapeProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return NOT_AN_EVENT;
  const e = v as Record<string, unknown>;
  const data = e.data as Record<string, unknown> | undefined;
  if (typeof e.resource !== 'string' || typeof e.event !== 'string' || typeof data !== 'object' || data === null) return NOT_AN_EVENT;
  if (typeof data.id !== 'string') return NOT_AN_EVENT;
  if (!WEBEX_ID.test(data.id)) return notAWebexId('data.id');
  if (!isWebexIdOrAbsent(e.actorId)) return notAWebexId('actorId');
  const bad = ID_FIELDS_OF_DATA.find((field) => !isWebexIdOrAbsent(data[field]));
  return bad === undefined ? undefined : notAWebexId(`data.${bad}`);
}

function notAWebexId(field: string): string {
  return `${field} is not a Webex ID (base64url characters, at most 256)`;
}

function rateLimitedWarn(logger: Logger, intervalMs: number) {
  let last = 0;
  let suppressed = 0;
  return (msg: string, fields: Record<string, unknown>) => {
    const t = Date.now();
    if (t - last < intervalMs) {
      suppressed++;
      return;
    }
    logger.warn({ ...fields, suppressedSinceLast: suppressed }, msg);
    last = t;
    suppressed = 0;
  };
}
