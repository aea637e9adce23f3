// A card submit is only honoured for a card this bot posted, in the space the submit came from.
// Webex normally sends a bot only submits on its own cards; this makes it a checked fact, not an assumption.

export interface CardSubmitRef {
  /** attachmentAction.messageId: the message that carried the card. */
  messageId: string;
  /** attachmentAction.roomId */
  roomId: string;
}

/** What GET /messages/{id} says about the card's message; undefined when Webex answers 404. Other failures reject. */
export type GetCardMessage = (messageId: string) => Promise<{ personId: string; roomId: string } | undefined>;

export type CardOriginDecision = { ours: true } | { ours: false; reason: 'unknownMessage' | 'notOurCard' | 'otherSpace' };

export async function checkCardOrigin(submit: CardSubmitRef, getMessage: GetCardMessage, botPersonId: string): Promise<CardOriginDecision> {
  if (typeof submit.messageId !== 'string' || submit.messageId === '') return { ours: false, reason: 'unknownMessage' };
  const message = await getMessage(submit.messageId);
  if (!message) return { ours: false, reason: 'unknownMessage' };
  if (botPersonId === '' || message.personId !== botPersonId) return { ours: false, reason: 'notOurCard' };
  if (message.roomId !== submit.roomId) return { ours: false, reason: 'otherSpace' };
  return { ours: true };
}
