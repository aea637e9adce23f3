// A listing that Webex would not let end (see webex/page-guard.ts), in the agent's words.
import type { PagingStop } from '../webex/errors';
import { escapeMarkdown } from './escape';

export interface PagingWording {
  title: string;
  detail: string;
  nextStep: string;
  retryable: boolean;
}

/** `ownerStep` is the usual "if it keeps happening, tell the bot's owner" sentence. */
export function pagingWording(paging: PagingStop, ownerStep: string): PagingWording {
  const what = escapeMarkdown(paging.what, 40);
  const pages = Number.isInteger(paging.pages) && paging.pages > 0 ? paging.pages : 1;
  const after = `so I stopped after ${pages.toLocaleString('en-US')} ${pages === 1 ? 'page' : 'pages'}`;
  switch (paging.reason) {
    case 'repeatedPage':
      // A proxy or Webex itself looping; it may well be gone in a while.
      return { title: 'Webex kept sending the same pages', detail: `Webex kept sending the same pages of ${what}, ${after}.`, nextStep: `Try again later. ${ownerStep}`, retryable: true };
    case 'tooManyPages':
      return { title: 'Webex kept sending more pages', detail: `Webex kept sending more pages of ${what}, ${after}.`, nextStep: `Try again later. ${ownerStep}`, retryable: true };
    case 'tooManyItems':
      return {
        title: 'Too many to read',
        detail: `Webex listed more ${what} than I read in one go, ${after}.`,
        nextStep: `Trying again is unlikely to help. ${ownerStep}`,
        retryable: false,
      };
  }
}
