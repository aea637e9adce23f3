// Why workspaces were left out of an answer (a name search, or a "who transfers to" scan), in one
// wording: most often a token without spark-admin:workspaces_read. Markdown, escaped.
import type { WebexApiError } from '../webex/errors';
import { escapeIdentifier } from './escape';

function why(error: WebexApiError): string {
  if (error.status === 403) return 'Webex refused (the admin token may lack the spark-admin:workspaces_read scope)';
  if (error.kind === 'unusableResponse') return 'Webex sent an answer I could not use';
  if (Number.isInteger(error.status) && error.status > 0) return `Webex answered with an error (HTTP ${error.status})`;
  return 'Webex did not answer';
}

function note(lead: string, error: WebexApiError | undefined): string {
  if (!error) return '';
  const trackingId = escapeIdentifier(error.trackingId);
  return `${lead}: ${why(error)}.` + (trackingId ? ` Tracking ID: ${trackingId}` : '');
}

/** A name looked for among people only: "Workspaces were not searched: …"; '' when they were. */
export function workspacesUnsearchedNote(error: WebexApiError | undefined): string {
  return note('Workspaces were not searched', error);
}

/** A reverse scan without workspaces: "Workspaces (common-area phones) were not checked: …"; '' when they were. */
export function workspacesUncheckedNote(error: WebexApiError | undefined): string {
  return note('Workspaces (common-area phones) were not checked', error);
}
