// The small "look up someone" form at the bottom of most cards (cards/lookup-form.json).
import formTemplateJson from '../../cards/lookup-form.json';
import { compileTemplate, expandTemplate } from './template';
import type { AdaptiveCardJson } from './types';

export const FORM_LABEL_ANOTHER = 'Look up another person';
export const FORM_LABEL_FIRST = 'Look up a person';

const formTemplate = compileTemplate(formTemplateJson);

/**
 * Appends the form to the card's body. Its "Look up" button counts as one of the card's actions.
 * The input is not required: the card's other buttons (Refresh, pick, Try again) must work with the
 * box empty, and Webex does not support `associatedInputs` to exempt them. An empty "Look up" is
 * answered with what to type (InvalidTargetReason "emptyForm").
 */
export function withLookupForm(card: AdaptiveCardJson, label: string): AdaptiveCardJson {
  return { ...card, body: [...card.body, expandTemplate(formTemplate, { label })] };
}
