// The Webex REST layer's public surface.
export * from './errors';
export type * from './types';
export { toWebexApiError, type ErrorContext } from './to-webex-api-error';
export { redactForLog, type SafeErrorLog } from './redact';
export { toSafePath } from './safe-path';
export { parseRetryAfter } from './retry-after';
export { withRetry, retryDecision, resolveRetryOptions, DEFAULT_RETRY_OPTIONS } from './retry';
export type { RetryOptions, RetryDecision, RetryInfo } from './retry';
export { createRateGate, RATE_GATE_STOPPED_MESSAGE } from './rate-gate';
export type { RateGate, RateGateOptions, RateGateStats } from './rate-gate';
export { createWebexHttp, DEFAULT_TIMEOUT_MS } from './http';
export type { WebexHttp, WebexHttpOptions, WebexRequest, WebexResponse, WebexCallInfo, WebexRetryInfo, WebexHttpMethod } from './http';
export { parseLinkNext } from './link-header';
export { sharedAgents } from './agents';
export { WebexAdminClient } from './admin-client';
export type { CallOptions, OrgCallOptions, DisplayNameSearchOptions, CallingPeopleOptions } from './admin-client';
