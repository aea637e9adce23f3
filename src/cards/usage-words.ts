// What each transfer number is for, in words, and the misconfigurations an agent should see at once.
import type { SlotUsage } from '../lookup/types';
import type { WebexApiError } from '../webex/errors';
import { callTypeWords } from './call-type-words';
import { escapeIdentifier, escapeMarkdown } from './escape';

export const NOT_USED_WARNING = '⚠ No call type is set to transfer to this number';
export const NOT_SET_WARNING = '⚠ Calls are set to transfer here, but no number is set: ';
export const USED_FOR = 'Used for: ';
export const USAGE_UNREADABLE = 'What each number is for could not be read';

const CALL_TYPE_MAX_LENGTH = 60;

export interface UsageNote {
  /** Markdown, escaped. */
  text: string;
  /** A misconfiguration: shown in the attention colour. */
  attention: boolean;
}

function callTypeList(callTypes: unknown): string {
  const codes = Array.isArray(callTypes) ? callTypes.filter((c): c is string => typeof c === 'string') : [];
  return codes.map((code) => escapeMarkdown(callTypeWords(code), CALL_TYPE_MAX_LENGTH)).filter((w) => w !== '').join(', ');
}

/** The line under a transfer number, or undefined when there is nothing to say. */
export function slotNote(usage: SlotUsage | undefined): UsageNote | undefined {
  if (!usage) return undefined;
  const list = callTypeList(usage.callTypes);
  if (usage.flag === 'numberNotSet') return { text: NOT_SET_WARNING + list, attention: true };
  if (usage.flag === 'numberNotUsed') return { text: NOT_USED_WARNING, attention: true };
  return list ? { text: USED_FOR + list, attention: false } : undefined;
}

/** Why a read failed, in words; a 403 names `scope`, the scope the refused call needs. */
export function whyUnreadable(error: WebexApiError, scope = 'spark-admin:people_read', what = 'calling permissions for this person'): string {
  if (error.kind === 'timeout') return 'Webex did not answer in time';
  if (error.kind === 'unusableResponse') return 'Webex sent an answer I could not use';
  if (error.kind === 'noToken') return 'the bot had no admin access token at the moment';
  if (error.kind === 'network' || error.status === 0) return 'I could not reach Webex';
  switch (error.status) {
    case 401:
    case 403:
      return `Webex refused (the admin token may lack the ${scope} scope, or API access is restricted)`;
    case 404:
      return `Webex has no ${what}`;
    case 429:
      return 'Webex was busy';
    default:
      return Number.isInteger(error.status) && error.status > 0 ? `Webex answered with an error (HTTP ${error.status})` : 'Webex answered with an error';
  }
}

/**
 * Why the outgoing permissions in effect could not be read, with the tracking ID. Markdown, escaped.
 * `from` 'location': the location's were to be read (telephony_config_read); without an error, Webex
 * did not say which location it is.
 */
export function usageErrorNote(error: WebexApiError | undefined, from: 'own' | 'location' = 'own', workspace = false): string {
  if (!error) return `${USAGE_UNREADABLE}: ${workspace ? 'its' : 'their'} location's permissions apply, but which location it is is not known.`;
  const trackingId = escapeIdentifier(error?.trackingId);
  const why =
    from === 'location'
      ? whyUnreadable(error, 'spark-admin:telephony_config_read', 'outgoing permissions for this location')
      : workspace
        ? whyUnreadable(error, 'spark-admin:workspaces_read', 'calling permissions for this workspace')
        : whyUnreadable(error);
  return `${USAGE_UNREADABLE}: ${why}.` + (trackingId ? ` Tracking ID: ${trackingId}` : '');
}
