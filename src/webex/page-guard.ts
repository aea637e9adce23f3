// Following Link rel="next" safely. A next link that points back to a page already read (a buggy
// proxy, or a hostile API endpoint) would otherwise queue reads until the heap limit kills the
// process. Every paged listing goes through one of these: it remembers the pages read and counts the
// items, and ends the listing with a clear error instead of looping.
import { WebexApiError } from './errors';
import { toSafePath } from './safe-path';

export interface PageGuardOptions {
  /** What is listed, in words for the error ("people", "webhooks"). */
  what: string;
  /** Most items one listing may return; a longer one fails. */
  maxItems: number;
}

export class PageGuard {
  private readonly seen = new Set<string>();
  private pages = 1;
  private items = 0;

  constructor(private readonly options: PageGuardOptions) {}

  /** Counts a page's items; throws once the listing is longer than allowed. */
  counted(items: number): void {
    this.items += items;
    if (this.items > this.options.maxItems) {
      throw this.stop(`Webex listed more than ${this.options.maxItems} ${this.options.what}, more than the bot reads in one go`);
    }
  }

  /** The next page's URL, once it is known not to have been read already. */
  next(url: string): string {
    const key = canonical(url);
    if (this.seen.has(key)) {
      throw this.stop(`Webex sent a link back to a page of ${this.options.what} it had already sent, so the listing was stopped after ${this.pages} pages`);
    }
    this.seen.add(key);
    this.pages++;
    return url;
  }

  private stop(message: string): WebexApiError {
    return new WebexApiError({ status: 0, kind: 'unusableResponse', message, method: 'GET', path: toSafePath(`/${this.options.what}`) });
  }
}

/** The same page however its query is ordered. */
function canonical(url: string): string {
  try {
    const parsed = new URL(url, 'http://relative.invalid');
    parsed.searchParams.sort();
    return `${parsed.origin}${parsed.pathname}?${parsed.searchParams.toString()}`;
  } catch {
    return url;
  }
}
