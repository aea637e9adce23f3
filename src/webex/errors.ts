// The one error type that crosses layers. cards/ turns it into words; nothing else inspects
// axios or SDK errors. It never carries request headers, so tokens cannot leak through it.

/**
 * http: Webex answered with an error status. network/timeout: no answer. unusableResponse: Webex
 * answered, but the bot would not use it (a body over the size limit, a next-page link off the Webex
 * API). noToken: the bot had no access token to call with.
 */
export type WebexFailureKind = 'http' | 'network' | 'timeout' | 'unusableResponse' | 'noToken';

/**
 * Why a paged listing was stopped (see page-guard.ts): Webex sent a page it had sent already, more
 * pages than any listing needs, or more items than the bot reads. Always with kind unusableResponse.
 */
export interface PagingStop {
  /** What was listed, in words ("people", "webhooks", "members"). */
  what: string;
  reason: 'repeatedPage' | 'tooManyPages' | 'tooManyItems';
  /** Pages read when the listing was stopped. */
  pages: number;
}

export interface WebexApiErrorInit {
  status: number;
  message: string;
  kind?: WebexFailureKind;
  errorCode?: number;
  trackingId?: string;
  retryAfterSeconds?: number;
  method?: string;
  /** Path without host or query, e.g. /people/{id}; safe to log. */
  path?: string;
  paging?: PagingStop;
}

export class WebexApiError extends Error {
  override readonly name = 'WebexApiError';
  /** HTTP status; 0 for network failures and timeouts. */
  readonly status: number;
  readonly kind: WebexFailureKind;
  readonly errorCode?: number;
  readonly trackingId?: string;
  readonly retryAfterSeconds?: number;
  readonly method?: string;
  readonly path?: string;
  readonly paging?: PagingStop;

  constructor(init: WebexApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.kind = init.kind ?? 'http';
    this.errorCode = init.errorCode;
    this.trackingId = init.trackingId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.method = init.method;
    this.path = init.path;
    if (init.paging) this.paging = { ...init.paging };
  }

  /** The same failure, with another Retry-After (the wait the bot really observes). */
  withRetryAfter(seconds: number): WebexApiError {
    return new WebexApiError({
      status: this.status,
      message: this.message,
      kind: this.kind,
      errorCode: this.errorCode,
      trackingId: this.trackingId,
      retryAfterSeconds: seconds,
      method: this.method,
      path: this.path,
      paging: this.paging,
    });
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      status: this.status,
      kind: this.kind,
      message: this.message,
      errorCode: this.errorCode,
      trackingId: this.trackingId,
      retryAfterSeconds: this.retryAfterSeconds,
      method: this.method,
      path: this.path,
      ...(this.paging ? { paging: this.paging } : {}),
    };
  }
}

export function isWebexApiError(err: unknown): err is WebexApiError {
  return err instanceof WebexApiError;
}
