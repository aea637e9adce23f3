// URLs as the doctor shows them: a URL may carry a password (user info) or a token (query), so only
// the parts that cannot are printed.

/** Scheme, host, port and path. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/** Scheme, host and port only. */
export function urlHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an unparsable URL';
  }
}
