// Runs one parsed command to a Reply. Never throws: every failure becomes a reply the agent can act on.
import { randomUUID } from 'node:crypto';
import { byDeadline } from '../deadline';
import type { Command } from '../commands/types';
import type { Reply } from '../cards/types';
import type { LookupService } from '../lookup/service';
import type { Logger } from '../ops/logger';
import { isWebexApiError, type WebexApiError } from '../webex/errors';
import { redactForLog } from '../webex/redact';
import type { ReverseIndex } from '../org-index/reverse';
import type { ReportService } from '../org-index/report';
import type { ReverseScanProgress } from '../lookup/types';
import type { EditService } from '../edit/service';
import type { EditAudit } from '../edit/types';

export interface Requester {
  id: string;
  email: string;
  displayName: string;
  orgId: string;
  /** 'person', 'bot' or 'appuser' as Webex says. */
  type?: string;
}

export interface CommandContext {
  commandId: string;
  /** Epoch ms by which the look-up must be done (the reply post gets a little grace after it). */
  deadline: number;
  requester: Requester;
  room: { id: string; type: 'direct' | 'group' };
  source: 'message' | 'card';
  botName: string;
  /** Posts a message before the answer (progress of a long scan). Never rejects. */
  postInterim?: (reply: Reply) => Promise<void>;
  /** Writes an audit line for a step as it happens (an edit's write), apart from the reply's own. */
  audit?: (entry: { outcome: string; edit: EditAudit; trackingId?: string }) => void;
}

export interface CommandRunnerOptions {
  lookup: LookupService;
  logger: Logger;
  /** Called when Webex rejects the admin token, so the owner can be told. */
  onAdminTokenRejected?: (error: WebexApiError) => void;
  /** For "who transfers to …"; without it those commands get the help card. */
  reverse?: ReverseIndex;
  /** For "transfer numbers report"; without it that command gets the help card. */
  report?: ReportService;
  /** For changes of transfer numbers (ALLOWED_EDITORS); without it, or with no editors, edit commands get one polite line. */
  edit?: EditService;
  /** A scan still running after this long gets a progress message. Default 3 s. */
  progressAfterMs?: number;
  /**
   * Time a reverse look-up or a report may wait for the org's first index build (it reads two settings
   * per calling user), so it gets longer than other commands; the agent hears back within the usual
   * time through the progress message.
   */
  reverseTimeoutMs?: number;
}

const DEFAULT_PROGRESS_AFTER_MS = 3_000;
/** At most this much (a quarter of the time left, when that is less) is kept for an edit's answer. */
const EDIT_REPLY_MARGIN_MS = 2_000;

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
        case 'invalidNumber':
          return { kind: 'invalidNumber', input: command.input, reason: command.reason, botName: ctx.botName };
        case 'invalidOrg':
          return { kind: 'invalidOrg', input: command.input };
        case 'lookup': {
          const reply = await this.withDeadline(ctx.deadline, async (): Promise<Reply> => ({
            kind: 'lookup',
            outcome: await this.opts.lookup.lookup(command.target, { orgId: command.orgId, deadline: ctx.deadline, fresh: command.fresh }),
          }));
          if (reply.kind === 'lookup' && reply.outcome.kind === 'webexError') this.noticeRejectedToken(reply.outcome.error);
          return reply;
        }
        case 'lookupMany':
          return await this.withDeadline(ctx.deadline, async (): Promise<Reply> => {
            const result = await this.opts.lookup.lookupMany(command.targets, { orgId: command.orgId, deadline: ctx.deadline, fresh: command.fresh });
            for (const entry of result.entries) if (entry.outcome.kind === 'webexError') this.noticeRejectedToken(entry.outcome.error);
            return { kind: 'lookupMany', result };
          });
        case 'reverse':
          return await this.reverse(command, ctx);
        case 'report':
          return await this.report(command, ctx);
        case 'edit':
        case 'editDecision':
        case 'invalidEdit':
          return await this.edit(command, ctx);
      }
    } catch (err) {
      log.error({ err: redactForLog(err) }, 'command.internal_error');
      return { kind: 'internalError', reference: ctx.commandId };
    }
  }

  /** Only editors get past the first line: anyone else is told so, and nothing is read or written. */
  private async edit(command: Extract<Command, { kind: 'edit' | 'editDecision' | 'invalidEdit' }>, ctx: CommandContext): Promise<Reply> {
    const edits = this.opts.edit;
    if (!edits?.isEditor(ctx.requester.email)) return { kind: 'editNotAllowed' };
    if (command.kind === 'invalidEdit') return { kind: 'invalidEdit', input: command.input, reason: command.reason };
    // Its Webex calls end a little before the command's deadline, so a change that was written is told,
    // with Undo, even when reading it back is slow, and a write cut short says it may have been made:
    // neither is left to the "timed out" answer.
    const margin = Math.min(EDIT_REPLY_MARGIN_MS, Math.max(0, ctx.deadline - Date.now()) / 4);
    const call = { requester: { id: ctx.requester.id, email: ctx.requester.email }, deadline: ctx.deadline - margin, audit: ctx.audit ?? (() => undefined) };
    const reply = await this.withDeadline(ctx.deadline, () => (command.kind === 'edit' ? edits.propose(command, call) : edits.decide(command.decision, command.editId, call)));
    if (reply.kind === 'lookup' && reply.outcome.kind === 'webexError') this.noticeRejectedToken(reply.outcome.error);
    return reply;
  }

  private noticeRejectedToken(error: WebexApiError): void {
    if (error.status === 401) this.opts.onAdminTokenRejected?.(error);
  }

  /** A reverse look-up may wait for the org's first index build: the agent is told it is running when it takes a while. */
  private async reverse(command: Extract<Command, { kind: 'reverse' }>, ctx: CommandContext): Promise<Reply> {
    const index = this.opts.reverse;
    if (!index) return { kind: 'help', botName: ctx.botName };
    return this.waitingForIndex(ctx, { number: command.number }, async (deadline, onProgress) => {
      try {
        const result = await index.find(command.number, { orgId: command.orgId, deadline, readDeadline: ctx.deadline, onProgress });
        if (result.building) return { kind: 'indexBuilding', progress: result.building, number: command.number };
        return { kind: 'reverse', result };
      } catch (err) {
        if (!isWebexApiError(err)) throw err;
        this.noticeRejectedToken(err);
        return { kind: 'reverseFailed', number: command.number, error: err };
      }
    });
  }

  private async report(command: Extract<Command, { kind: 'report' }>, ctx: CommandContext): Promise<Reply> {
    const reports = this.opts.report;
    if (!reports) return { kind: 'help', botName: ctx.botName };
    return this.waitingForIndex(ctx, {}, async (deadline, onProgress) => {
      const outcome = await reports.report({ location: command.location, orgId: command.orgId }, { deadline, onProgress });
      switch (outcome.kind) {
        case 'building':
          return { kind: 'indexBuilding', progress: outcome.progress };
        case 'listingFailed':
          this.noticeRejectedToken(outcome.error);
          return { kind: 'webexError', error: outcome.error };
        case 'location':
          return { kind: 'reportLocation', asked: outcome.asked, found: outcome.found, names: outcome.names, more: outcome.more };
        case 'report':
          return { kind: 'report', summary: outcome.summary, file: outcome.file };
      }
    });
  }

  /** Work that may wait for an index build: a longer deadline, and a progress note after a few seconds. */
  private async waitingForIndex(
    ctx: CommandContext,
    about: { number?: Extract<Command, { kind: 'reverse' }>['number'] },
    work: (deadline: number, onProgress: (progress: ReverseScanProgress) => void) => Promise<Reply>,
  ): Promise<Reply> {
    let progress: ReverseScanProgress = { listed: 0, read: 0, listingDone: false };
    // The note is for waiting on a build: told only once one has reported progress and the wait is long.
    let building = false;
    let due = false;
    let told = false;
    const tell = () => {
      if (!building || !due || told) return;
      told = true;
      void ctx.postInterim?.({ kind: 'scanning', progress, ...about });
    };
    const deadline = Math.max(ctx.deadline, Date.now() + (this.opts.reverseTimeoutMs ?? 0));
    const timer = setTimeout(() => {
      due = true;
      tell();
    }, this.opts.progressAfterMs ?? DEFAULT_PROGRESS_AFTER_MS);
    try {
      return await this.withDeadline(deadline + 1_000, () =>
        work(deadline, (p) => {
          progress = p;
          building = true;
          tell();
        }),
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whatever Webex does, the agent hears back by the deadline. */
  private withDeadline(deadline: number, work: () => Promise<Reply>): Promise<Reply> {
    return byDeadline(work(), deadline, { kind: 'timedOut' });
  }
}
