// Turns what the bot has to say (a Reply) into the message it posts: a card plus its markdown
// fallback, or markdown alone. Pure: no Webex calls, no clock unless `now` is left out.
import type { EditChange } from '../commands/types';
import type { LookupOutcome } from '../lookup/types';
import { renderCandidates } from './candidates-card';
import { renderEditDone, renderEditNotAllowed, renderEditNotice, renderEditProposed, renderInvalidEdit } from './edit-card';
import { renderHelp, renderWelcome } from './help-card';
import { renderInvalidNumber } from './invalid-number-card';
import { renderInvalidTarget } from './invalid-target-card';
import { renderLookupMany } from './many-card';
import { renderNoCalling } from './no-calling-card';
import { renderNotFound } from './not-found-card';
import { renderOtherOrg } from './other-org-card';
import { renderInternalError, renderInvalidOrg, renderNotAllowed, renderOrgNotAllowed, renderSentPrivately, renderSlowDown } from './plain-messages';
import { renderResult } from './result-card';
import { renderReport } from './report-card';
import { renderReverse } from './reverse-card';
import { renderIndexBuilding, renderReportFileFailed, renderReportLocation, renderReverseFailed, renderScanning } from './reverse-notices';
import { renderTimedOut } from './timed-out-card';
import type { OutgoingMessage, Reply } from './types';
import { renderWebexError } from './webex-error-card';
import { isAboutWorkspace, lookupErrorContext } from './webex-error-words';

export { describeWebexError, type WebexErrorContext, type WebexErrorWords } from './webex-error-words';
export { escapeEmail, escapeIdentifier, escapeMarkdown, plainText } from './escape';
export { callTypeWords, CALL_TYPE_WORDS } from './call-type-words';
export { phoneNumberWords, typedNumberWords } from './phone-words';

export interface RenderOptions {
  /** The current time, to decide whether "Read at" needs a date. Defaults to the clock. */
  now?: Date;
}

function renderOutcome(outcome: LookupOutcome, now: Date, edit?: EditChange): OutgoingMessage {
  switch (outcome.kind) {
    case 'found':
      return renderResult(outcome, now);
    case 'ambiguous':
      return renderCandidates(outcome, edit);
    case 'notFound':
      return renderNotFound(outcome);
    case 'noCalling':
      return renderNoCalling(outcome);
    case 'otherOrg':
      return renderOtherOrg(outcome);
    case 'webexError':
      return renderWebexError({ error: outcome.error, context: lookupErrorContext(outcome.stage, isAboutWorkspace(outcome)), person: outcome.person, target: outcome.target, orgId: outcome.orgId });
    default:
      return unknownReply(outcome);
  }
}

/** Exhaustive at compile time; at run time an unexpected value still gets a sensible answer. */
function unknownReply(_value: never): OutgoingMessage {
  return renderInternalError({ reference: '' });
}

export function renderReply(reply: Reply, options: RenderOptions = {}): OutgoingMessage {
  switch (reply.kind) {
    case 'lookup':
      return renderOutcome(reply.outcome, options.now ?? new Date(), reply.edit);
    case 'lookupMany':
      return renderLookupMany(reply.result, options.now ?? new Date());
    case 'reverse':
      return renderReverse(reply.result, options.now ?? new Date());
    case 'reverseFailed':
      return renderReverseFailed(reply);
    case 'scanning':
      return renderScanning(reply);
    case 'indexBuilding':
      return renderIndexBuilding(reply);
    case 'reportLocation':
      return renderReportLocation(reply);
    case 'reportFileFailed':
      return renderReportFileFailed(reply);
    case 'report':
      return renderReport(reply, options.now ?? new Date());
    case 'editProposed':
      return renderEditProposed(reply);
    case 'editDone':
      return renderEditDone(reply);
    case 'editNotice':
      return renderEditNotice(reply);
    case 'editNotAllowed':
      return renderEditNotAllowed();
    case 'invalidEdit':
      return renderInvalidEdit(reply);
    case 'help':
      return renderHelp(reply);
    case 'welcome':
      return renderWelcome(reply);
    case 'invalidTarget':
      return renderInvalidTarget(reply);
    case 'invalidNumber':
      return renderInvalidNumber(reply);
    case 'webexError':
      return renderWebexError({ error: reply.error, context: 'general' });
    case 'notAllowed':
      return renderNotAllowed();
    case 'slowDown':
      return renderSlowDown(reply);
    case 'orgNotAllowed':
      return renderOrgNotAllowed(reply);
    case 'invalidOrg':
      return renderInvalidOrg(reply);
    case 'sentPrivately':
      return renderSentPrivately(reply);
    case 'timedOut':
      return renderTimedOut();
    case 'internalError':
      return renderInternalError(reply);
    default:
      return unknownReply(reply);
  }
}
