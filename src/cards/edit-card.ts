// The cards of an edit of transfer numbers: the proposal (Confirm, Cancel), the change made (Undo),
// and the notices of an edit that went no further. Pure.
import editTemplateJson from '../../cards/edit.json';
import type { InvalidEditReason } from '../commands/types';
import type { EditTarget, EditView } from '../edit/types';
import type { TransferNumbersView } from '../lookup/types';
import { callTypeWords } from './call-type-words';
import { escapeMarkdown, plainText } from './escape';
import { FORM_LABEL_ANOTHER } from './lookup-form';
import { renderNotice } from './notice-card';
import { shownNumber } from './number-words';
import { cardMessage, joinBlocks, textMessage } from './outgoing';
import { personLine } from './person-words';
import { compileTemplate, expandCard } from './template';
import type { EditNotice, OutgoingMessage } from './types';
import { describeWebexError } from './webex-error-words';

const editTemplate = compileTemplate(editTemplateJson);

const PEOPLE_WRITE_SCOPE = 'spark-admin:telephony_config_write';
const WORKSPACES_WRITE_SCOPE = 'spark-admin:workspaces_write';

interface Change {
  label: string;
  before: string;
  after: string;
}

function customWords(on: boolean, workspace: boolean): string {
  if (on) return workspace ? 'On (its own numbers apply)' : 'On (their own numbers apply)';
  return workspace ? "Off (its location's numbers apply)" : "Off (their location's numbers apply)";
}

/** What differs between two states, field by field, as plain text (FactSet values are not markdown). */
export function changesBetween(before: TransferNumbersView, after: TransferNumbersView, workspace: boolean): Change[] {
  const changes: Change[] = [];
  if (before.useCustomTransferNumbers !== after.useCustomTransferNumbers) {
    changes.push({ label: 'Custom numbers', before: customWords(before.useCustomTransferNumbers, workspace), after: customWords(after.useCustomTransferNumbers, workspace) });
  }
  after.numbers.forEach((number, i) => {
    if (number !== before.numbers[i]) changes.push({ label: `Number ${i + 1}`, before: shownNumber(before.numbers[i], plainText), after: shownNumber(number, plainText) });
  });
  return changes;
}

function targetLine(target: EditTarget): string {
  return target.person.kind === 'workspace' ? `Workspace ${personLine(target.person)}` : personLine(target.person);
}

/** Which call types the numbers that change are for (from the outgoing permissions in effect). */
function usageParagraphs(view: EditView): string[] {
  const usage = view.usage;
  if (!usage) return [];
  const lines: string[] = [];
  view.after.numbers.forEach((number, i) => {
    if (number === view.before.numbers[i]) return;
    const types = usage.slots[i]?.callTypes ?? [];
    lines.push(
      types.length > 0
        ? `Number ${i + 1} is used for: ${types.map((t) => escapeMarkdown(callTypeWords(t), 60)).join(', ')}.`
        : `No call type transfers to number ${i + 1}.`,
    );
  });
  return lines;
}

function editMessage(fields: { title: string; color: 'Warning' | 'Good'; view: EditView; paragraphs: string[]; note: string; editId?: string; undoId?: string }): OutgoingMessage {
  const workspace = fields.view.target.person.kind === 'workspace';
  const changes = changesBetween(fields.view.before, fields.view.after, workspace);
  const target = targetLine(fields.view.target);
  const card = expandCard(editTemplate, {
    title: fields.title,
    color: fields.color,
    target,
    changes: changes.map((c) => ({ label: c.label, value: `${c.before} → ${c.after}` })),
    paragraphs: fields.paragraphs.map((text) => ({ text })),
    note: fields.note,
    confirmable: fields.editId !== undefined,
    editId: fields.editId ?? '',
    undoable: fields.undoId !== undefined,
    undoId: fields.undoId ?? '',
  });
  const markdown = joinBlocks([
    `**${fields.title}**`,
    target,
    changes.map((c) => `- ${c.label}: ${escapeMarkdown(c.before, 120)} → ${escapeMarkdown(c.after, 120)}`).join('\n'),
    ...fields.paragraphs,
    fields.note,
  ]);
  return cardMessage(card, markdown);
}

export function renderEditProposed(reply: { editId: string; view: EditView; undo: boolean; minutes: number }): OutgoingMessage {
  return editMessage({
    title: reply.undo ? 'Undo this change of transfer numbers?' : 'Change these transfer numbers?',
    color: 'Warning',
    view: reply.view,
    paragraphs: usageParagraphs(reply.view),
    note: `Nothing is written until you press Confirm. Only you can confirm, within ${reply.minutes} minutes, once.`,
    editId: reply.editId,
  });
}

export function renderEditDone(reply: { view: EditView; readBack: boolean; undoId?: string; undone: boolean }): OutgoingMessage {
  const readBack = reply.readBack
    ? 'Read back from Webex just now.'
    : "Webex took the change, but I could not read it back: look the settings up again to see what they are.";
  const undo = reply.undoId ? 'Undo works for 15 minutes, for you only, and asks you to confirm.' : 'Undo is not available for this change: make the opposite change by hand if needed.';
  return editMessage({
    title: reply.undone ? 'Change undone' : 'Transfer numbers changed',
    color: 'Good',
    view: reply.view,
    paragraphs: [...usageParagraphs(reply.view), readBack],
    note: reply.undone ? 'The earlier values are back.' : undo,
    undoId: reply.undone ? undefined : reply.undoId,
  });
}

function stateLines(state: TransferNumbersView, workspace: boolean): string[] {
  return [
    `Custom numbers: ${escapeMarkdown(customWords(state.useCustomTransferNumbers, workspace), 80)}`,
    ...state.numbers.map((n, i) => `Number ${i + 1}: ${shownNumber(n, escapeMarkdown)}`),
  ];
}

export function renderEditNotice(reply: { notice: EditNotice }): OutgoingMessage {
  const { notice } = reply;
  const person = notice.target ? targetLine(notice.target) : undefined;
  const workspace = notice.target?.person.kind === 'workspace';
  const base = { person, formLabel: FORM_LABEL_ANOTHER };
  switch (notice.why) {
    case 'noChange':
      return renderNotice({
        ...base,
        title: 'Nothing to change',
        color: 'Default',
        paragraphs: ['The settings already are what you asked for, so I wrote nothing.', ...(notice.state ? stateLines(notice.state, workspace) : [])],
      });
    case 'expired':
      return renderNotice({ ...base, title: 'This confirmation has expired', color: 'Warning', paragraphs: ['Nothing was changed. A confirmation works for 5 minutes: ask for the change again.'] });
    case 'undoExpired':
      return renderNotice({ ...base, title: 'Undo has expired', color: 'Warning', paragraphs: ['Nothing was changed. Undo works for 15 minutes after a change: make the opposite change by asking for it.'] });
    case 'notYours':
      return renderNotice({ ...base, title: 'Not your change to confirm', color: 'Warning', paragraphs: ['Only the person who asked for this change can confirm, cancel or undo it. Nothing was changed.'] });
    case 'alreadyUsed':
      return renderNotice({ ...base, title: 'Already done', color: 'Default', paragraphs: ['This button was already used, so nothing more was changed.'] });
    case 'cancelled':
      return renderNotice({ ...base, title: 'Cancelled', color: 'Default', paragraphs: ['Nothing was changed.'] });
    case 'changedMeanwhile':
      return renderNotice({
        ...base,
        title: 'The settings changed in the meantime',
        color: 'Warning',
        paragraphs: [
          'Someone changed these transfer numbers after the card was shown, so I wrote nothing. This is what they are now:',
          ...(notice.state ? stateLines(notice.state, workspace) : []),
        ],
        nextStep: 'Ask for the change again if it is still needed.',
      });
    case 'writeFailed':
      return writeFailed(notice, base);
    case 'storeFailed':
      return renderNotice({
        ...base,
        title: 'I could not keep track of this change',
        color: 'Attention',
        paragraphs: ['The store that makes each confirmation work once could not be reached, so I changed nothing.'],
        nextStep: 'Try again in a minute; if it keeps failing, tell the bot owner (Redis may be down).',
      });
  }
}

function writeFailed(notice: EditNotice, base: { person?: string; formLabel: string }): OutgoingMessage {
  const error = notice.error;
  const workspace = notice.target?.person.kind === 'workspace';
  if (error && error.status === 403) {
    const scope = workspace ? WORKSPACES_WRITE_SCOPE : PEOPLE_WRITE_SCOPE;
    return renderNotice({
      ...base,
      title: 'Webex refused the change',
      color: 'Attention',
      paragraphs: [`Nothing was changed: Webex answered 403. The bot's admin token needs the ${scope} scope (and a full administrator), or API access is restricted in Control Hub.`],
      nextStep: 'Ask the bot owner to add that scope to the admin token; `npm run doctor` checks it.',
      trackingId: error.trackingId,
    });
  }
  // No answer at all: Webex may have taken the change, so neither "could not" nor "try again".
  if (error && (error.kind === 'timeout' || error.kind === 'network')) {
    return renderNotice({
      ...base,
      title: 'The change may not have been written',
      color: 'Attention',
      paragraphs: [
        error.kind === 'timeout' ? 'Webex did not answer the change in time.' : 'The connection to Webex broke while the change was sent.',
        'Look the settings up again before trying once more: the change may or may not have been made.',
      ],
      trackingId: error.trackingId,
    });
  }
  const words = error ? describeWebexError(error, 'general') : undefined;
  return renderNotice({
    ...base,
    title: 'The change could not be written',
    color: 'Attention',
    paragraphs: [words ? words.detail : 'Webex did not take the change.', 'Look the settings up again before trying once more: the change may or may not have been made.'],
    nextStep: words?.nextStep,
    trackingId: error?.trackingId,
  });
}

export function renderEditNotAllowed(): OutgoingMessage {
  return textMessage("Sorry, changing transfer numbers is only for the people the bot's admin named as editors. I read and changed nothing; look-ups work as usual.");
}

const INVALID_EDIT_WORDS: Record<InvalidEditReason, (input: string) => string> = {
  number: (input) => `“${input}” is not a valid phone number, so I changed nothing. Write it with its country code, e.g. \`+1 205 555 0100\`, or as a national number of the default country.`,
  slot: (input) => `There is no transfer number ${input}: Webex has numbers 1, 2 and 3. I changed nothing.`,
  target: (input) => `“${input}” is not an email, a Webex ID or a name, so I changed nothing.`,
};

export function renderInvalidEdit(reply: { input: string; reason: InvalidEditReason }): OutgoingMessage {
  return textMessage(INVALID_EDIT_WORDS[reply.reason](escapeMarkdown(reply.input, 80)));
}
