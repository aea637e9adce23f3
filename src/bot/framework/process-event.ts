// Hands a verified webhook event to the framework's own event processing (lib/process-event), not to
// its webhook handler, which answers before checking anything and verifies re-serialized JSON.
import type Framework from 'webex-node-bot-framework';
import processEvent from 'webex-node-bot-framework/lib/process-event';
import type { WebexWebhookEvent } from '../../webex/types';
import { frameworkWebhookName } from './load';

/** Resolves once the framework has run its listeners for the event (it swallows its own failures). */
export function processWebhookEvent(framework: Framework, event: WebexWebhookEvent, webhookUrl: string): Promise<unknown> {
  return Promise.resolve(processEvent(framework, event, ensureWebhookName(framework, webhookUrl)));
}

/** processEvent only accepts events named like the framework's webhook; the signature already proved ours. */
function ensureWebhookName(framework: Framework, webhookUrl: string): string {
  const current = framework.webhook;
  if (current && typeof current.name === 'string' && current.name !== '') return current.name;
  const name = frameworkWebhookName(webhookUrl, framework.email);
  framework.webhook = { ...(current || {}), name };
  return name;
}
