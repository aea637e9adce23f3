// Wraps a card and its markdown fallback into the message Webex takes.
import { limitMarkdownBytes } from './fallback-limit';
import type { AdaptiveCardJson, OutgoingMessage } from './types';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Blocks of markdown separated by blank lines; empty blocks are dropped. */
export function joinBlocks(blocks: readonly (string | undefined)[]): string {
  return blocks.filter((block): block is string => typeof block === 'string' && block.trim() !== '').join('\n\n');
}

export function cardMessage(card: AdaptiveCardJson, markdown: string): OutgoingMessage {
  return {
    markdown: limitMarkdownBytes(markdown),
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
  };
}

export function textMessage(markdown: string): OutgoingMessage {
  return { markdown: limitMarkdownBytes(markdown) };
}
