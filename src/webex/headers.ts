// Header access that works the same for axios' AxiosHeaders, Node's lower-cased objects and the
// Webex JS SDK's plain objects. HTTP header names are case-insensitive, so lookups are too.

type HeaderBag = Record<string, unknown>;

function asBag(headers: unknown): HeaderBag | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const maybeJson = (headers as { toJSON?: () => unknown }).toJSON;
  if (typeof maybeJson === 'function') {
    const plain = maybeJson.call(headers);
    if (plain && typeof plain === 'object') return plain as HeaderBag;
  }
  return headers as HeaderBag;
}

function valueToString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

/** The value of one header, whatever the case of its name; undefined when absent. */
export function headerValue(headers: unknown, name: string): string | undefined {
  const bag = asBag(headers);
  if (!bag) return undefined;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(bag)) {
    if (key.toLowerCase() === wanted) return valueToString(bag[key]);
  }
  return undefined;
}

/** All headers as a plain record with lower-cased names. */
export function toHeaderRecord(headers: unknown): Record<string, string> {
  const bag = asBag(headers);
  const record: Record<string, string> = {};
  if (!bag) return record;
  for (const key of Object.keys(bag)) {
    const value = valueToString(bag[key]);
    if (value !== undefined) record[key.toLowerCase()] = value;
  }
  return record;
}
