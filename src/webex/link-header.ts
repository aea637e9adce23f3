// Webex paginates with RFC 8288 Link headers: <https://webexapis.com/v1/people?...>; rel="next".

function relValues(params: string): string[] {
  const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(params);
  return (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** The URL of the rel="next" link, or undefined when there is no next page. */
export function parseLinkNext(linkHeader: string | undefined | null): string | undefined {
  if (!linkHeader) return undefined;
  // Links are comma-separated; URLs may contain commas, but only inside <...>.
  for (const link of linkHeader.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/s.exec(link);
    if (!match) continue;
    const url = match[1].trim();
    if (url && relValues(match[2]).includes('next')) return url;
  }
  return undefined;
}
