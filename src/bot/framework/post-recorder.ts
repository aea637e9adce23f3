// Remembers every message the bot posts: a card submit on one of them needs no Webex call to prove
// the card is ours (see access/card-origin.ts).
import type { AnyFn, SdkInstance } from './call-policy';

export function recordPosts(sdk: SdkInstance, onPosted: (message: { id: string; roomId: string }) => void): void {
  const create = sdk.messages?.create;
  if (typeof create !== 'function') return;
  sdk.messages.create = (...args: unknown[]) =>
    (create as AnyFn)(...args).then((posted) => {
      const m = posted as { id?: unknown; roomId?: unknown };
      if (typeof m?.id === 'string' && typeof m.roomId === 'string') onPosted({ id: m.id, roomId: m.roomId });
      return posted;
    });
}
