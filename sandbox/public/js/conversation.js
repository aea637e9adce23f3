// The message list of the selected space. Updates in place (new messages appended, deleted ones removed) so that a
// poll never re-renders a card someone is typing into, and keeps the view pinned to the bottom.
const NEAR_BOTTOM_PX = 80;

export function createConversation({ list, scroller, emptyState, render }) {
  const rendered = new Map(); // message id → <li>
  let signature = '';
  let pinNext = true;

  const isNearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= NEAR_BOTTOM_PX;
  const scrollToBottom = () => {
    scroller.scrollTop = scroller.scrollHeight;
  };

  return {
    /** Forgets everything shown (another space was selected). */
    reset() {
      rendered.clear();
      list.replaceChildren();
      signature = '';
      pinNext = true;
      emptyState.hidden = true;
    },

    /** The next update scrolls to the bottom whatever the current position (after the user sends something). */
    pinToBottom() {
      pinNext = true;
    },

    /** @param messages oldest first. Returns true when the DOM changed. */
    update(messages) {
      const nextSignature = messages.map((m) => m.id).join(',');
      emptyState.hidden = messages.length > 0;
      if (nextSignature === signature) return false;
      signature = nextSignature;

      const stick = pinNext || isNearBottom();
      pinNext = false;

      const keep = new Set(messages.map((m) => m.id));
      for (const [id, item] of rendered) {
        if (!keep.has(id)) {
          item.remove();
          rendered.delete(id);
        }
      }
      let previous = null;
      for (const message of messages) {
        let item = rendered.get(message.id);
        if (!item) {
          item = render(message);
          rendered.set(message.id, item);
        }
        const expectedPrevious = previous;
        if (item.parentNode !== list || item.previousElementSibling !== expectedPrevious) {
          if (expectedPrevious) expectedPrevious.after(item);
          else list.prepend(item);
        }
        previous = item;
      }
      if (stick) scrollToBottom();
      return true;
    },
  };
}
