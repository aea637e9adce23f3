// Webex's error format: {message, errors: [{description, errorCode?}], trackingId}, same id in the trackingid header.
import type { Response } from 'express';

export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorCode?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface WebexErrorBody {
  message: string;
  errors: { description: string; errorCode?: number }[];
  trackingId: string;
}

/** The wording Webex documents for each status. */
const STATUS_MESSAGES: Record<number, string> = {
  400: 'The request was invalid or cannot be otherwise served.',
  401: 'The request requires a valid access token set in the Authorization request header.',
  403: 'The request is understood, but it has been refused or access is not allowed.',
  404: 'The requested resource could not be found.',
  405: 'The request was made to a resource using an HTTP request method that is not supported.',
  409: 'The request could not be processed because it conflicts with some established rule of the system.',
  410: 'The requested resource is no longer available.',
  415: 'The request was made to a resource without specifying a media type or used a media type that is not supported.',
  423: 'The requested resource is temporarily unavailable.',
  428: 'File(s) cannot be scanned for malware and need to be force downloaded.',
  429: 'Too many requests have been sent in a given amount of time and the request has been rate limited.',
  500: 'Something went wrong on the server.',
  502: 'The server received an invalid response from an upstream server while processing the request.',
  503: 'Server is overloaded with requests. Try again later.',
  504: 'An upstream server failed to respond on time.',
};

export function defaultMessageFor(status: number): string {
  return STATUS_MESSAGES[status] ?? `HTTP ${status}`;
}

export function webexErrorBody(message: string, trackingId: string, errorCode?: number): WebexErrorBody {
  const detail: { description: string; errorCode?: number } = { description: message };
  if (errorCode !== undefined) detail.errorCode = errorCode;
  return { message, errors: [detail], trackingId };
}

export function sendWebexError(res: Response, trackingId: string, error: EmulatorHttpError): void {
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  res.status(error.status).json(webexErrorBody(error.message, trackingId, error.errorCode));
}

export const notFound = (message = defaultMessageFor(404)) => new EmulatorHttpError(404, message);
export const badRequest = (message: string) => new EmulatorHttpError(400, message);
export const forbidden = (message = defaultMessageFor(403)) => new EmulatorHttpError(403, message);
