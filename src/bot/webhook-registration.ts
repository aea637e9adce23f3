// Webhook registration for the framework: made sure of once, idempotently, by the registrar (safe with
// several instances, never deleting anything), instead of the framework's own delete-and-create.
import type { Logger } from '../ops/logger';
import type { WebexHttp } from '../webex/http';
import { ensureWebhooks, type EnsuredWebhooks } from '../webex/webhook-registrar';
import { redactForLog } from '../webex/redact';
import { frameworkWebhookName } from './framework';

export interface WebhookRegistration {
  ensure(): Promise<EnsuredWebhooks>;
  /** What the framework adapter hands the framework when it asks to create the webhook of `resource`. */
  webhookFor(resource: string): Promise<object>;
}

/**
 * The framework creates its webhooks at start (after deleting its old ones); instead they are made sure
 * of once, idempotently, by the registrar, and the framework is handed the result.
 */
export function webhookRegistrationFor(
  http: WebexHttp,
  opts: { targetUrl: string; secret: string; botEmail: () => string; logger: Logger },
): WebhookRegistration {
  let ensured: Promise<EnsuredWebhooks> | undefined;
  const ensure = () =>
    (ensured ??= ensureWebhooks(http, {
      targetUrl: opts.targetUrl,
      secret: opts.secret,
      name: frameworkWebhookName(opts.targetUrl, opts.botEmail()),
      logger: opts.logger,
    }).catch((err) => {
      ensured = undefined; // the next call tries again
      throw err;
    }));
  return {
    ensure,
    // The framework only needs the webhook's name from this; failures are reported (and retried) by
    // registerWebhooksUntilDone, so the framework is not handed a rejection to print on its own.
    webhookFor: (resource) =>
      ensure().then(
        (w) => (resource === 'attachmentActions' ? w.cards : w.firehose),
        () => ({ name: frameworkWebhookName(opts.targetUrl, opts.botEmail()), targetUrl: opts.targetUrl, resource }),
      ),
  };
}

const WEBHOOK_RETRY_MS = 30_000;

/** The first attempt is awaited; after a failure, retries go on in the background until they succeed. */
export async function registerWebhooksUntilDone(
  registration: Pick<WebhookRegistration, 'ensure'>,
  logger: Logger,
  stillRunning: () => boolean,
): Promise<void> {
  try {
    await registration.ensure();
    return;
  } catch (err) {
    logger.error({ err: redactForLog(err) }, 'webhooks.registration_failed: retrying every 30 s; events posted to the webhook route are still handled');
  }
  await new Promise<void>((resolve) => {
    const retry = () => {
      if (!stillRunning()) return resolve();
      registration.ensure().then(
        () => {
          logger.info('webhooks.registration_recovered');
          resolve();
        },
        () => setTimeout(retry, WEBHOOK_RETRY_MS).unref(),
      );
    };
    setTimeout(retry, WEBHOOK_RETRY_MS).unref();
  });
}
