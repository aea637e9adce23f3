// Renders Adaptive Card JSON with the adaptivecards package, as the Webex app would.
import { webexHostConfig } from './host-config.js';
import { markdownToHtml } from './markdown.js';

const AC = window.AdaptiveCards;
const hostConfig = new AC.HostConfig(webexHostConfig);

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdownToHtml(text);
  result.didProcess = true;
};

/** How long a clicked submit button stays disabled at least, so a double click does not submit twice. */
const SUBMIT_FEEDBACK_MS = 1200;

function isSafeUrl(url) {
  try {
    const parsed = new window.URL(url, location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

async function withButtonFeedback(button, work) {
  const started = Date.now();
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.classList.add('is-sending');
  }
  try {
    await work();
  } finally {
    const wait = Math.max(0, SUBMIT_FEEDBACK_MS - (Date.now() - started));
    setTimeout(() => {
      if (!button) return;
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.classList.remove('is-sending');
    }, wait);
  }
}

/**
 * Returns the rendered card element, or undefined when the JSON cannot be rendered (the caller then shows the
 * message's markdown). onSubmit(inputs) gets the action's data merged with the card's input values.
 */
export function renderAdaptiveCard(content, { onSubmit }) {
  try {
    const card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = (action) => {
      if (action instanceof AC.SubmitAction) {
        const inputs = { ...(action.data || {}) };
        void withButtonFeedback(action.renderedElement, () => onSubmit(inputs));
      } else if (action instanceof AC.OpenUrlAction && action.url && isSafeUrl(action.url)) {
        window.open(action.url, '_blank', 'noopener,noreferrer');
      }
    };
    card.parse(content);
    return card.render() || undefined;
  } catch (err) {
    console.warn('Could not render the card', err);
    return undefined;
  }
}
