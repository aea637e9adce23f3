// Paths that are safe to log and to put in errors: no scheme, host, query or fragment (queries
// carry emails and display names), and identifier-like segments replaced by "{id}".

const PLACEHOLDER = '{id}';

/** Webex IDs (base64), UUIDs, emails: anything long with a digit, or containing "@". */
function looksLikeIdentifier(segment: string): boolean {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A malformed escape is still data, not a route word.
    return true;
  }
  if (decoded.includes('@')) return true;
  return decoded.length >= 16 && /\d/.test(decoded);
}

function pathOnly(urlOrPath: string): string {
  const withoutOrigin = urlOrPath.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const cut = withoutOrigin.search(/[?#]/);
  const path = cut === -1 ? withoutOrigin : withoutOrigin.slice(0, cut);
  return path.startsWith('/') ? path : `/${path}`;
}

/**
 * Shortens a URL or path for logs: "https://webexapis.com/v1/people/Y2lz...?email=a@b" becomes
 * "/v1/people/{id}". `stripPrefix` (e.g. "/v1") is removed from the front when present.
 */
export function toSafePath(urlOrPath: string, stripPrefix?: string): string {
  let path = pathOnly(urlOrPath);
  const prefix = stripPrefix?.replace(/\/+$/, '');
  if (prefix && (path === prefix || path.startsWith(`${prefix}/`))) {
    path = path.slice(prefix.length) || '/';
  }
  return path
    .split('/')
    .map((segment) => (segment && looksLikeIdentifier(segment) ? PLACEHOLDER : segment))
    .join('/');
}
