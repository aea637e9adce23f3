// Tells the bot's owner, in an operations space, that the admin token was rejected, before the help desk
// has to: at most once per interval, and never failing the command that noticed it.
import type { Logger } from '../ops/logger';
import { redactForLog } from '../webex/redact';
import type { WebexApiError } from '../webex/errors';

export interface OpsNotifierOptions {
  roomId?: string;
  post: (roomId: string, markdown: string) => Promise<unknown>;
  logger: Logger;
  intervalMs?: number;
  now?: () => number;
}

export class OpsNotifier {
  private lastSentAt = -Infinity;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: OpsNotifierOptions) {
    this.intervalMs = opts.intervalMs ?? 60 * 60 * 1000;
    this.now = opts.now ?? Date.now;
  }

  /** Fire and forget: returns once the notice was posted, skipped, or failed (logged). */
  async adminTokenRejected(error: WebexApiError): Promise<void> {
    const roomId = this.opts.roomId;
    if (!roomId) return;
    const t = this.now();
    if (t - this.lastSentAt < this.intervalMs) return;
    this.lastSentAt = t;
    const markdown = [
      '**Transfer numbers bot: the admin token was rejected by Webex (401).**',
      'Help-desk look-ups fail until it is renewed: update WEBEX_ADMIN_TOKEN (or the refresh token) and restart the bot.',
      error.trackingId ? `Tracking ID: ${error.trackingId}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    try {
      await this.opts.post(roomId, markdown);
      this.opts.logger.warn({ roomId }, 'ops.notice_sent');
    } catch (err) {
      this.opts.logger.error({ err: redactForLog(err), roomId }, 'ops.notice_failed');
    }
  }
}
