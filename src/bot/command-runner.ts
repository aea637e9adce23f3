// Runs one parsed command to a Reply. Never throws: every failure becomes a reply the agent can act on.
import { randomUUID } from 'node:crypto';
import type { Command } from '../commands/types';
import type { Reply } from '../cards/types';
import type { LookupService } from '../lookup/service';
import type { Logger } from '../ops/logger';
import type { WebexApiError } from '../webex/errors';

export interface Requester {
  id: string;
  email: string;
  displayName: string;
  orgId: string;
}

export interface CommandContext {
  commandId: string;
  /** Epoch ms by which the look-up must be done (the reply post gets a little grace after it). */
  deadline: number;
  requester: Requester;
  room: { id: string; type: 'direct' | 'group' };
  source: 'message' | 'card';
  botName: string;
}

export interface CommandRunnerOptions {
  lookup: LookupService;
  logger: Logger;
  /** Called when Webex rejects the admin token, so the owner can be told. */
  onAdminTokenRejected?: (error: WebexApiError) => void;
}

export class CommandRunner {
  constructor(private readonly opts: CommandRunnerOptions) {}

  static newCommandId(): string {
    return randomUUID().slice(0, 8);
  }

  async run(command: Command, ctx: CommandContext): Promise<Reply> {
    const log = this.opts.logger.child({ commandId: ctx.commandId });
    try {
      switch (command.kind) {
        case 'help':
          return { kind: 'help', botName: ctx.botName };
        case 'invalidTarget':
          return { kind: 'invalidTarget', input: command.input, reason: command.reason, botName: ctx.botName };
        case 'lookup': {
          const reply = await this.withDeadline(ctx.deadline, async (): Promise<Reply> => ({
            kind: 'lookup',
            outcome: await this.opts.lookup.lookup(command.target, { orgId: command.orgId, deadline: ctx.deadline }),
          }));
          if (reply.kind === 'lookup' && reply.outcome.kind === 'webexError' && reply.outcome.error.status === 401) {
            this.opts.onAdminTokenRejected?.(reply.outcome.error);
          }
          return reply;
        }
      }
    } catch (err) {
      log.error({ err: safeError(err) }, 'command.internal_error');
      return { kind: 'internalError', reference: ctx.commandId };
    }
  }

  /** Whatever Webex does, the agent hears back by the deadline. */
  private async withDeadline(deadline: number, work: () => Promise<Reply>): Promise<Reply> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Reply>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timedOut' }), Math.max(0, deadline - Date.now()));
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Errors are logged by name, message and stack only: never a request config with headers. */
export function safeError(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    const json = (err as { toJSON?: () => Record<string, unknown> }).toJSON;
    if (err.name === 'WebexApiError' && typeof json === 'function') return json.call(err);
    return { name: err.name, message: err.message, stack: err.stack };
  }
  return { message: String(err) };
}
