// The command ran out of time waiting for Webex (Reply "timedOut").
import { FORM_LABEL_FIRST } from './lookup-form';
import { renderNotice } from './notice-card';
import type { OutgoingMessage } from './types';

export function renderTimedOut(): OutgoingMessage {
  return renderNotice({
    title: 'Webex did not answer in time',
    color: 'Attention',
    paragraphs: ['Webex did not answer in time; try again.'],
    nextStep: "If it keeps happening, tell the bot's owner.",
    formLabel: FORM_LABEL_FIRST,
  });
}
