// Following Link rel="next" safely. A next link that points back to a page already read (a buggy
// proxy, or a hostile API endpoint) would otherwise queue reads until the heap limit kills the
// process. Every paged listing goes through one of these (people, webhooks, space members): it
// remembers where each page was asked for and what each page held, caps the pages and the items,
// and ends the listing with a WebexApiError carrying `paging` (cards turn that into words).
import { createHash } from 'node:crypto';
import { type PagingStop, WebexApiError } from './errors';
import { toSafePath } from './safe-path';

type PageQuery = Record<string, string | number | boolean | undefined>;

export interface PageGuardOptions {
  /** What is listed, in words for the error ("people", "webhooks"). */
  what: string;
  /** Most pages one listing reads, the first included. */
  maxPages: number;
  /** Most items one listing may return; a longer one fails. Unset: the caller counts them itself. */
  maxItems?: number;
  /** Where the first page was asked for, so a link back to it is caught before it is read. */
  firstPage?: { path: string; query?: PageQuery };
}

export class PageGuard {
  private readonly addresses = new Set<string>();
  /** One digest per non-empty page: the same items under a new link are the same page. */
  private readonly contents = new Set<string>();
  private pages = 1;
  private items = 0;

  constructor(private readonly options: PageGuardOptions) {
    if (options.firstPage) this.addresses.add(pageAddress(options.firstPage.path, options.firstPage.query));
  }

  /**
   * A page was read, holding items with these IDs (in order; '' for an item without one). Throws when
   * the listing is longer than allowed or the page repeats one already read.
   */
  read(ids: readonly string[]): void {
    this.items += ids.length;
    const { maxItems } = this.options;
    if (maxItems !== undefined && this.items > maxItems) throw this.stop('tooManyItems');
    // Empty pages all look alike; they are bounded by maxPages instead.
    if (ids.length === 0) return;
    const digest = createHash('sha256').update(ids.join('\n')).digest('base64');
    if (this.contents.has(digest)) throw this.stop('repeatedPage');
    this.contents.add(digest);
  }

  /** Before reading the next page: its URL when it has one (returned as is), once it is known to be new and within the cap. */
  next<T extends string | undefined>(url: T): T {
    if (this.pages >= this.options.maxPages) throw this.stop('tooManyPages');
    if (url !== undefined) {
      const address = pageAddress(url);
      if (this.addresses.has(address)) throw this.stop('repeatedPage');
      this.addresses.add(address);
    }
    this.pages++;
    return url;
  }

  private stop(reason: PagingStop['reason']): WebexApiError {
    const paging: PagingStop = { what: this.options.what, reason, pages: this.pages };
    return new WebexApiError({ status: 0, kind: 'unusableResponse', message: stopMessage(paging, this.options.maxItems), method: 'GET', path: toSafePath(`/${this.options.what}`), paging });
  }
}

/** For logs; the agent's words are the cards' (cards/paging-words.ts). */
function stopMessage(paging: PagingStop, maxItems: number | undefined): string {
  const after = `the listing was stopped after ${paging.pages} ${paging.pages === 1 ? 'page' : 'pages'}`;
  switch (paging.reason) {
    case 'repeatedPage':
      return `Webex kept sending the same pages of ${paging.what}; ${after}`;
    case 'tooManyPages':
      return `Webex kept sending more pages of ${paging.what}; ${after}`;
    case 'tooManyItems':
      return `Webex listed more than ${maxItems} ${paging.what}, more than the bot reads in one go`;
  }
}

/**
 * The page a URL or path asks for, however it is written: the last path segment (a next link is
 * absolute, "https://webexapis.com/v1/people?…"; the first request is "/people") and the query
 * sorted, without `max`: a link back to the same start is the same page whatever its size.
 */
export function pageAddress(url: string, query: PageQuery = {}): string {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://relative.invalid');
  } catch {
    return url;
  }
  for (const [key, value] of Object.entries(query)) if (value !== undefined) parsed.searchParams.set(key, String(value));
  parsed.searchParams.delete('max');
  parsed.searchParams.sort();
  const resource = parsed.pathname.replace(/\/+$/, '').split('/').pop() ?? '';
  return `${resource}?${parsed.searchParams.toString()}`;
}

/** The `id` of each listed item ('' for one without), for PageGuard.read. */
export function itemIds(items: readonly unknown[]): string[] {
  return items.map((item) => {
    const id = (item as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : '';
  });
}
