// The parts of webex-node-bot-framework 2.3.14 this bot uses (the package ships no types).
declare module 'webex-node-bot-framework' {
  import { EventEmitter } from 'events';

  namespace Framework {
    interface Options {
      token: string;
      webhookUrl?: string;
      webhookSecret?: string;
      removeWebhooksOnStart?: boolean;
      maxStartupSpaces?: number;
      messageFormat?: 'text' | 'markdown' | 'html';
      [key: string]: unknown;
    }

    interface SdkPerson {
      id: string;
      emails: string[];
      displayName: string;
      firstName?: string;
      lastName?: string;
      orgId?: string;
      type?: string;
      [key: string]: unknown;
    }

    interface Room {
      id: string;
      title?: string;
      type: 'direct' | 'group';
      isLocked?: boolean;
      teamId?: string;
    }

    interface Message {
      id: string;
      roomId: string;
      roomType?: 'direct' | 'group';
      personId: string;
      personEmail?: string;
      text?: string;
      html?: string;
      markdown?: string;
      mentionedPeople?: string[];
      created?: string;
    }

    interface AttachmentAction {
      id: string;
      type: string;
      messageId: string;
      personId: string;
      roomId: string;
      inputs: Record<string, unknown>;
      created?: string;
    }

    interface Trigger {
      type: 'message' | 'attachmentAction';
      id: string;
      text?: string;
      args?: string[];
      message?: Message;
      attachmentAction?: AttachmentAction;
      person: SdkPerson;
      personId: string;
    }

    interface Bot {
      id: string;
      active: boolean;
      room: Room;
      isDirect: boolean;
      isGroup: boolean;
      person: SdkPerson;
      framework: Framework;
      say(message: Record<string, unknown>): Promise<{ id: string }>;
      say(format: string, message: string): Promise<{ id: string }>;
      sendCard(card: object, fallbackText: string): Promise<{ id: string }>;
    }
  }

  class Framework extends EventEmitter {
    constructor(options: Framework.Options);
    active: boolean;
    initialized: boolean;
    person: Framework.SdkPerson;
    email: string;
    // The SDK instance, created in start(). Typed loosely on purpose: bot/framework/ wraps its methods.
    webex: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    webhook: { id?: string; name?: string; roomId?: string } | false;
    bots: Framework.Bot[];
    start(): Promise<boolean>;
    stop(): Promise<boolean>;
    hears(phrase: string | RegExp, action: (bot: Framework.Bot, trigger: Framework.Trigger) => void, helpText?: string, preference?: number): string;
    findBotObjectInRoom(roomId: string): Framework.Bot | undefined;
    on(event: 'message' | 'mentioned', listener: (bot: Framework.Bot, trigger: Framework.Trigger, id: string) => void): this;
    on(event: 'attachmentAction', listener: (bot: Framework.Bot, trigger: Framework.Trigger, id: string) => void): this;
    on(event: 'spawn', listener: (bot: Framework.Bot, id: string, actorId?: string) => void): this;
    on(event: 'memberEnters' | 'memberExits', listener: (bot: Framework.Bot, membership: { roomId?: string; personId?: string }, id: string) => void): this;
    on(event: 'initialized' | 'start' | 'stop', listener: (id: string) => void): this;
    on(event: 'log', listener: (message: string) => void): this;
    on(event: string, listener: (...args: any[]) => void): this; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  export = Framework;
}

declare module 'webex-node-bot-framework/lib/process-event' {
  import type Framework from 'webex-node-bot-framework';
  function processEvent(framework: Framework, body: object, name?: string): Promise<unknown>;
  export = processEvent;
}
