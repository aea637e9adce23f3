// Wires the chat page: loads the sandbox session, then polls the selected space and renders it.
import { control, webexClient } from './api.js';
import { createComposer } from './composer.js';
import { createConversation } from './conversation.js';
import { renderMessage, renameSender } from './message-view.js';
import { createPeopleDirectory } from './people.js';
import { createPoller } from './poller.js';
import { createSpaceList, spaceHint, spaceTitle } from './spaces.js';
import { createTroubleMenu } from './trouble.js';

const POLL_INTERVAL_MS = 700;

const $ = (id) => document.getElementById(id);

function showConnection(ok, detail) {
  const badge = $('connection');
  badge.textContent = ok ? 'Emulator running' : 'Sandbox not reachable';
  badge.classList.toggle('is-down', !ok);
  badge.title = detail || '';
}

function showFatal(message) {
  const empty = $('empty-state');
  empty.textContent = message;
  empty.classList.add('is-error');
  empty.hidden = false;
}

/** What the agent typed, as Webex markdown: in a group space the bot is mentioned first or it would not see it. */
function outgoingMarkdown(room, bot, text) {
  return room.type === 'group' ? `<@personId:${bot.id}|${bot.displayName}> ${text}` : text;
}

function renderExamples(examples, composer) {
  const list = $('example-list');
  for (const example of examples) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'example';
    button.textContent = example;
    button.addEventListener('click', () => composer.fill(example));
    item.append(button);
    list.append(item);
  }
}

async function main() {
  let session;
  try {
    session = await control.session();
  } catch (err) {
    showConnection(false, err.message);
    showFatal(`Could not load the sandbox session: ${err.message}. Is the bot running in sandbox mode?`);
    return;
  }
  const { user: me, bot, rooms, token } = session;
  const webex = webexClient(token);
  $('me-name').textContent = me.displayName;
  $('me-email').textContent = me.email;

  const state = { room: rooms.find((r) => r.type === 'direct') || rooms[0], generation: 0, awaitingReplyAfter: undefined };
  const listEl = $('conversation');

  const people = createPeopleDirectory({
    known: [me, bot],
    fetchPerson: (id) => webex.getPerson(id),
    onResolved: (id, name) => renameSender(listEl, id, name),
  });

  let poller;
  const conversation = createConversation({
    list: listEl,
    scroller: $('conversation-scroll'),
    emptyState: $('empty-state'),
    render: (message) =>
      renderMessage(message, {
        bot,
        me,
        senderName: (m) => people.nameOf(m),
        onSubmit: async (messageId, inputs) => {
          const action = await webex.submitCard(messageId, inputs);
          expectReply(action && action.created);
        },
        onDownload: async (url, button) => {
          try {
            const { blob, name } = await webex.downloadFile(url);
            const link = document.createElement('a');
            link.href = URL.createObjectURL(blob);
            link.download = name;
            link.click();
            setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
            button.textContent = `Download ${name}`;
          } catch (err) {
            button.textContent = `Download failed (${err.message})`;
          }
        },
      }),
  });

  const composer = createComposer({
    form: $('composer'),
    input: $('composer-input'),
    sendButton: $('send-button'),
    mentionChip: $('mention-chip'),
    status: $('composer-status'),
    onSend: async (text) => {
      const sent = await webex.postMessage(state.room.id, outgoingMarkdown(state.room, bot, text));
      expectReply(sent && sent.created);
    },
  });

  // Webex shows no typing indicator for bots; say that an answer is on its way until one shows up.
  function expectReply(sentAt) {
    const at = Date.parse(sentAt);
    state.awaitingReplyAfter = Number.isNaN(at) ? Date.now() : at;
    composer.setNote(`Sent. ${bot.displayName} is working on it…`);
    conversation.pinToBottom();
    poller.now();
  }
  function noticeReply(messages) {
    if (state.awaitingReplyAfter === undefined) return;
    const replied = messages.some((m) => m.personId === bot.id && Date.parse(m.created) >= state.awaitingReplyAfter);
    if (replied) {
      state.awaitingReplyAfter = undefined;
      composer.setNote('');
    }
  }

  const trouble = createTroubleMenu({ select: $('trouble-select'), banner: $('trouble-banner'), control });
  trouble.adoptExisting().catch(() => undefined);

  function selectRoom(room) {
    state.room = room;
    state.generation += 1;
    spaces.markSelected(room.id);
    $('room-title').textContent = spaceTitle(room, bot);
    $('room-hint').textContent = spaceHint(room, bot);
    composer.showMention(room.type === 'group', bot.displayName);
    conversation.reset();
    if (state.awaitingReplyAfter !== undefined) composer.setNote('');
    state.awaitingReplyAfter = undefined;
    poller.now();
  }

  const spaces = createSpaceList({ list: $('space-list'), rooms, bot, onSelect: selectRoom });
  renderExamples(session.examples || [], composer);

  poller = createPoller(async () => {
    const { room, generation } = state;
    try {
      const page = await webex.listMessages(room.id);
      if (generation !== state.generation) return; // another space was selected meanwhile
      const messages = [...(page.items || [])].reverse();
      conversation.update(messages);
      noticeReply(messages);
      showConnection(true);
    } catch (err) {
      showConnection(false, err.message);
    }
    await trouble.refresh().catch(() => undefined);
  }, POLL_INTERVAL_MS);

  selectRoom(state.room); // also starts polling
}

void main();
