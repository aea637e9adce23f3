// The list of spaces on the left; one is selected at a time.
export function spaceTitle(room, bot) {
  return room.type === 'direct' ? room.title || bot.displayName : room.title || 'Untitled space';
}

export function spaceHint(room, bot) {
  return room.type === 'direct'
    ? `1:1 space: every message goes to ${bot.displayName}.`
    : `Group space: ${bot.displayName} only sees messages that mention it, so the page adds the mention for you.`;
}

export function createSpaceList({ list, rooms, bot, onSelect }) {
  const buttons = new Map();
  for (const room of rooms) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'space';
    button.dataset.roomId = room.id;

    const badge = document.createElement('span');
    badge.className = `space__badge space__badge--${room.type}`;
    badge.setAttribute('aria-hidden', 'true');
    badge.textContent = room.type === 'direct' ? bot.displayName.slice(0, 1).toUpperCase() : '#';

    const text = document.createElement('span');
    text.className = 'space__text';
    const title = document.createElement('span');
    title.className = 'space__title';
    title.textContent = spaceTitle(room, bot);
    const kind = document.createElement('span');
    kind.className = 'space__kind';
    kind.textContent = room.type === 'direct' ? '1:1 with the bot' : 'Group space';
    text.append(title, kind);

    button.append(badge, text);
    button.addEventListener('click', () => onSelect(room));
    item.append(button);
    list.append(item);
    buttons.set(room.id, button);
  }

  return {
    markSelected(roomId) {
      for (const [id, button] of buttons) {
        if (id === roomId) button.setAttribute('aria-current', 'true');
        else button.removeAttribute('aria-current');
      }
    },
  };
}
