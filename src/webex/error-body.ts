// Reads the Webex error body {message, errors: [{description, errorCode}], trackingId}, which may
// arrive parsed, as a JSON string, as a Buffer, or as something else entirely (an HTML error page).

export interface WebexErrorBodyFields {
  message?: string;
  errorCode?: number;
  trackingId?: string;
}

function parseMaybeJson(body: unknown): unknown {
  if (Buffer.isBuffer(body)) return parseMaybeJson(body.toString('utf8'));
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    // Not JSON (a proxy's HTML page, say): nothing in it is worth showing.
    return undefined;
  }
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function toErrorCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

export function readWebexErrorBody(body: unknown): WebexErrorBodyFields {
  const parsed = parseMaybeJson(body);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const record = parsed as Record<string, unknown>;
  const first = Array.isArray(record.errors) && record.errors[0] && typeof record.errors[0] === 'object'
    ? (record.errors[0] as Record<string, unknown>)
    : undefined;
  return {
    message: nonEmptyString(record.message) ?? nonEmptyString(first?.description),
    errorCode: toErrorCode(first?.errorCode),
    trackingId: nonEmptyString(record.trackingId),
  };
}
