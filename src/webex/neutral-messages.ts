// Short texts used when Webex gave no message of its own. Never the HTTP client's wording, which
// can name the full URL.

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  415: 'Unsupported Media Type',
  423: 'Locked',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function httpStatusMessage(status: number): string {
  const reason = REASONS[status];
  return reason ? `Webex answered ${status} ${reason}` : `Webex answered HTTP ${status}`;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNRESET: 'connection reset',
  ECONNREFUSED: 'connection refused',
  EPIPE: 'connection closed',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

export function networkMessage(code: string | undefined): string {
  const reason = code ? NETWORK_REASONS[code] : undefined;
  return reason ? `Could not reach Webex (${reason})` : 'Could not reach Webex';
}

export const TIMEOUT_MESSAGE = 'Webex did not answer in time';
export const UNEXPECTED_MESSAGE = 'Unexpected error while calling Webex';
