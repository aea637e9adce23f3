// Query strings with every reserved character percent-encoded (a space is %20, never "+", which
// some servers read literally: display-name searches contain spaces).

export type QueryValue = string | number | boolean;

export function toQueryString(query: Record<string, QueryValue | undefined>): string {
  return Object.entries(query)
    .filter((entry): entry is [string, QueryValue] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}
