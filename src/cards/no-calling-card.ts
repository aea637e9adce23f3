// The person exists but has no Webex Calling (LookupOutcome "noCalling": the settings call said 404).
import type { PersonSummary } from '../lookup/types';
import type { WebexApiError } from '../webex/errors';
import { FORM_LABEL_ANOTHER } from './lookup-form';
import { renderNotice } from './notice-card';
import { personWords } from './person-words';
import type { OutgoingMessage } from './types';

export function renderNoCalling(outcome: { person: PersonSummary; error: WebexApiError }): OutgoingMessage {
  const workspace = outcome.person?.kind === 'workspace';
  const { name, email } = personWords(outcome.person, workspace ? 'This workspace' : 'This person');
  return renderNotice({
    title: `${name} has no Webex Calling`,
    color: 'Warning',
    // The name is in the title already; the email tells namesakes apart.
    person: email || undefined,
    paragraphs: [`Webex has no calling settings for this ${workspace ? 'workspace' : 'person'}, so there are no transfer numbers to show.`],
    nextStep: workspace
      ? 'Check in Control Hub that the workspace has Webex Calling (a Workspaces license) and a calling location.'
      : 'Check in Control Hub that they have a Webex Calling license and a calling location.',
    trackingId: outcome.error?.trackingId,
    formLabel: FORM_LABEL_ANOTHER,
  });
}
