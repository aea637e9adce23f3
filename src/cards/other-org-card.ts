// The person asked for is in an organization this bot may not search (LookupOutcome "otherOrg"). A
// partner admin's token can resolve people of every customer; the bot answers only for the allowed ones.
import type { Target } from '../commands/types';
import { FORM_LABEL_ANOTHER } from './lookup-form';
import { renderNotice } from './notice-card';
import { describeTarget } from './target-words';
import type { OutgoingMessage } from './types';

export const OTHER_ORG_TITLE = 'In another organization';
export const OTHER_ORG_NEXT_STEP =
  'If the help desk should answer for that organization, ask the Webex admin who runs the bot to add it to ALLOWED_TARGET_ORG_IDS.';

export function renderOtherOrg(outcome: { target: Target }): OutgoingMessage {
  const words = describeTarget(outcome.target);
  return renderNotice({
    title: OTHER_ORG_TITLE,
    color: 'Warning',
    paragraphs: [`I found ${words.searched}, but that person is in another organization, which this bot is not set up to search.`],
    nextStep: OTHER_ORG_NEXT_STEP,
    formLabel: FORM_LABEL_ANOTHER,
  });
}
