// Posts events to webhook targets after the triggering call has been answered, signs the exact bytes sent
// (X-Spark-Signature = hex HMAC-SHA1 keyed with the webhook secret) and records every attempt.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { WorldEvent } from './events';
import { newTrackingId } from './ids';
import type { EmulatorStore } from './store';
import type { DeliveryRecord } from './types';
import { envelopeFor, type WebhookEnvelope } from './webhook-routing';

export function signature(body: Buffer, secret: string): string {
  return createHmac('sha1', secret).update(body).digest('hex');
}

export class WebhookDispatcher {
  readonly deliveries: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly requests = new Set<http.ClientRequest>();
  private closed = false;

  constructor(
    private readonly store: EmulatorStore,
    private readonly clock: () => Date,
    private readonly timeoutMs: number,
    private readonly log: (line: object) => void,
  ) {}

  /** Decides the recipients now (state as of the event) and sends on a later tick. */
  handle(e: WorldEvent): void {
    for (const hook of this.store.webhooks.values()) {
      const envelope = envelopeFor(this.store, hook, e);
      if (!envelope) continue;
      const sending = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => (this.closed ? undefined : this.send(envelope, hook.secret)))
        .finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  close(): void {
    this.closed = true;
    for (const request of this.requests) request.destroy(new Error('emulator closed'));
  }

  private async send(envelope: WebhookEnvelope, secret: string | undefined): Promise<void> {
    const body = Buffer.from(JSON.stringify(envelope));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(body.length),
      trackingid: newTrackingId(),
    };
    if (secret) headers['x-spark-signature'] = signature(body, secret);
    const started = performance.now();
    const at = this.clock().toISOString();
    const outcome = await this.post(envelope.targetUrl, headers, body);
    const record: DeliveryRecord = {
      at,
      webhookId: envelope.id,
      webhookName: envelope.name,
      resource: envelope.resource,
      event: envelope.event,
      dataId: String(envelope.data.id),
      targetUrl: envelope.targetUrl,
      ...outcome,
      durationMs: Math.round(performance.now() - started),
    };
    this.deliveries.push(record);
    this.log({ msg: 'webhook delivery', ...record });
  }

  private post(target: string, headers: Record<string, string>, body: Buffer): Promise<{ statusCode?: number; error?: string }> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        resolve({ error: 'invalid targetUrl' });
        return;
      }
      const client = url.protocol === 'https:' ? https : http;
      // agent: false -> one connection per delivery, closed afterwards, so nothing lingers after close().
      const request = client.request(url, { method: 'POST', headers, agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve({ statusCode: response.statusCode }));
        response.on('error', (err) => resolve({ statusCode: response.statusCode, error: err.message }));
      });
      this.requests.add(request);
      request.setTimeout(this.timeoutMs, () => request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      request.on('error', (err) => resolve({ error: err.message }));
      request.on('close', () => this.requests.delete(request));
      request.end(body);
    });
  }
}
