// Builds the DOM for one message: who sent it, when, and its body (a card, the bot's markdown, or plain text).
import { renderAdaptiveCard } from './card-renderer.js';
import { markdownToHtml } from './markdown.js';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function initials(name) {
  const parts = String(name).split(/[\s@.]+/).filter(Boolean);
  return ((parts[0] || '?')[0] + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

function formatTime(created) {
  const date = new Date(created);
  if (Number.isNaN(date.getTime())) return { label: '', iso: '' };
  return { label: date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }), iso: date.toISOString() };
}

/** Plain text, with a leading mention of the bot shown as a chip (as Webex shows it). */
function textBody(message, bot) {
  const body = el('div', 'message__text');
  const text = String(message.text ?? '');
  const mentionsBot = Array.isArray(message.mentionedPeople) && message.mentionedPeople.includes(bot.id);
  if (mentionsBot && text.startsWith(bot.displayName)) {
    body.append(el('span', 'mention', bot.displayName), document.createTextNode(text.slice(bot.displayName.length)));
  } else {
    body.textContent = text;
  }
  return body;
}

function markdownBody(markdown) {
  const body = el('div', 'message__markdown');
  body.innerHTML = markdownToHtml(markdown); // markdown-it with html disabled: message data cannot add tags
  return body;
}

function botBody(message, onSubmit) {
  const attachment = (message.attachments || []).find((a) => a && a.contentType === CARD_TYPE && a.content);
  if (attachment) {
    const card = renderAdaptiveCard(attachment.content, { onSubmit: (inputs) => onSubmit(message.id, inputs) });
    if (card) {
      const frame = el('div', 'card-frame');
      frame.append(card);
      return frame;
    }
  }
  return markdownBody(message.markdown ?? message.text ?? '');
}

/** A download button per file of the message (Webex: one file per message). */
function filesBlock(message, onDownload) {
  const files = Array.isArray(message.files) ? message.files.filter((f) => typeof f === 'string') : [];
  if (files.length === 0 || !onDownload) return undefined;
  const block = el('div', 'message__files');
  for (const url of files) {
    const button = el('button', 'file-button', 'Download file');
    button.type = 'button';
    button.addEventListener('click', () => onDownload(url, button));
    block.append(button);
  }
  return block;
}

/**
 * @param message a Webex message
 * @param ctx { bot, me, senderName(message) → string, onSubmit(messageId, inputs) → Promise, onDownload(url, button) }
 */
export function renderMessage(message, ctx) {
  const fromBot = message.personId === ctx.bot.id;
  const fromMe = message.personId === ctx.me.id;
  const name = ctx.senderName(message);

  const item = el('li', `message${fromBot ? ' message--bot' : ''}${fromMe ? ' message--me' : ''}`);
  item.dataset.messageId = message.id;
  item.dataset.senderId = message.personId;

  const avatar = el('div', 'avatar', initials(name));
  avatar.setAttribute('aria-hidden', 'true');

  const main = el('div', 'message__main');
  const meta = el('div', 'message__meta');
  const sender = el('span', 'message__sender', name);
  const { label, iso } = formatTime(message.created);
  const time = el('time', 'message__time', label);
  if (iso) time.dateTime = iso;
  meta.append(sender, time);

  const body = fromBot ? botBody(message, ctx.onSubmit) : textBody(message, ctx.bot);
  main.append(meta, body);
  const files = filesBlock(message, ctx.onDownload);
  if (files) main.append(files);
  item.append(avatar, main);
  return item;
}

/** Updates the sender name (and initials) on messages rendered before the name was known. */
export function renameSender(container, personId, name) {
  for (const item of container.querySelectorAll('li.message')) {
    if (item.dataset.senderId !== personId) continue;
    item.querySelector('.message__sender').textContent = name;
    item.querySelector('.avatar').textContent = initials(name);
  }
}
