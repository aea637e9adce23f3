// Which low-level failures mean "the connection broke" and which mean "we gave up waiting".
import type { WebexFailureKind } from './errors';

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_NETWORK',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_SOCKET',
]);

// ERR_CANCELED counts as a timeout because the only canceller in this layer is our own timer.
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'UND_ERR_CONNECT_TIMEOUT']);

export interface TransportFailure {
  kind: Exclude<WebexFailureKind, 'http'>;
  code?: string;
}

function codeOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function nameOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

function messageOf(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const message = (value as { message?: unknown }).message;
  return typeof message === 'string' ? message : '';
}

/** Looks at the error and its `cause` (fetch/undici nest the socket error there). */
export function classifyTransportFailure(err: unknown): TransportFailure | undefined {
  const candidates = [err, (err as { cause?: unknown } | null | undefined)?.cause];
  for (const candidate of candidates) {
    const code = codeOf(candidate);
    if (code && TIMEOUT_CODES.has(code)) return { kind: 'timeout', code };
    if (code && NETWORK_CODES.has(code)) return { kind: 'network', code };
    const name = nameOf(candidate);
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', code };
    if (/socket hang up/i.test(messageOf(candidate))) return { kind: 'network', code: code ?? 'ECONNRESET' };
  }
  return undefined;
}
