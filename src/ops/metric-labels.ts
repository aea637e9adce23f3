// Label values for Prometheus. Every distinct value is a new time series, so values that could come from
// outside (webhook bodies, error statuses) are folded into a small known set.

const SAFE_LABEL = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Values written by this code (routes, outcomes, cache names): kept when they look like identifiers. */
export function codeLabel(value: string): string {
  return SAFE_LABEL.test(value) ? value : 'other';
}

/** HTTP status as a label; "0" means no HTTP answer (network failure or timeout). */
export function statusLabel(status: number): string {
  return Number.isInteger(status) && status >= 0 && status <= 599 ? String(status) : 'other';
}

const WEBHOOK_RESOURCES = new Set(['all', 'attachmentActions', 'memberships', 'messages', 'rooms']);
const WEBHOOK_EVENTS = new Set(['all', 'created', 'updated', 'deleted']);

export function webhookResourceLabel(resource: string): string {
  return WEBHOOK_RESOURCES.has(resource) ? resource : 'other';
}

export function webhookEventLabel(event: string): string {
  return WEBHOOK_EVENTS.has(event) ? event : 'other';
}
