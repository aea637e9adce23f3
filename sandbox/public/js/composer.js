// The message box. Enter sends, Shift+Enter adds a line. The text is cleared only once Webex accepted it, so a
// failed send never loses what was typed.
export function createComposer({ form, input, sendButton, mentionChip, status, onSend }) {
  let sending = false;

  const refreshButton = () => {
    sendButton.disabled = sending || input.value.trim() === '';
  };

  const autosize = () => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
  };

  async function send() {
    const text = input.value.trim();
    if (sending || text === '') return;
    sending = true;
    refreshButton();
    status.textContent = '';
    status.classList.remove('is-error');
    try {
      await onSend(text);
      // Keep anything typed while the request was in flight beyond what was sent.
      if (input.value.trim() === text) input.value = '';
    } catch (err) {
      status.textContent = `Not sent: ${err && err.message ? err.message : 'the sandbox did not answer'}. Your text is still here.`;
      status.classList.add('is-error');
    } finally {
      sending = false;
      autosize();
      refreshButton();
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  });
  input.addEventListener('input', () => {
    autosize();
    refreshButton();
  });
  refreshButton();

  return {
    /** Puts an example command in the box (does not send it). */
    fill(text) {
      input.value = text;
      autosize();
      refreshButton();
      input.focus();
      input.setSelectionRange(text.length, text.length);
    },
    /** A short note under the box (e.g. that the bot is working on an answer); '' clears it. */
    setNote(text) {
      status.textContent = text;
      status.classList.remove('is-error');
    },
    /** In group spaces the bot must be mentioned; the chip shows that the page adds it. */
    showMention(show, botName) {
      mentionChip.hidden = !show;
      mentionChip.textContent = `@${botName}`;
      input.placeholder = show ? `Write to the space (${botName} is mentioned for you)` : `Write a message to ${botName}`;
    },
  };
}
