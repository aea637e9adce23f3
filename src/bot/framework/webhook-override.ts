// The framework deletes and re-creates its webhooks at start and deletes them at stop. With several
// instances behind one URL that would break the others: creation goes through the registrar (one of
// each, repaired in place; see webex/webhook-registrar.ts) and removal does nothing.
import type { SdkInstance } from './call-policy';

export interface WebhookRegistration {
  webhookFor(resource: string): Promise<object>;
}

export function overrideWebhooks(sdk: SdkInstance, registration: WebhookRegistration): void {
  if (!sdk.webhooks) return;
  sdk.webhooks.create = (webhook: unknown) => registration.webhookFor(String((webhook as { resource?: unknown })?.resource));
  sdk.webhooks.remove = () => Promise.resolve();
}
