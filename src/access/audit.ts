// The audit trail: one JSON line for every look-up and every refusal (who asked, where, for whom,
// what came of it, and the Webex tracking ID). It goes to the log (stdout) and, when AUDIT_LOG_FILE
// is set, is appended to that file. Writing it never blocks or breaks a reply.
import { chmodSync, createWriteStream, lstatSync, type Stats, type WriteStream } from 'node:fs';
import type { Logger } from '../ops/logger';
import type { EditAudit } from '../edit/types';
import type { TransferNumberSlots } from '../lookup/types';

export type AuditOutcome =
  | 'found'
  | 'notFound'
  | 'ambiguous'
  | 'noCalling'
  | 'webexError'
  | 'timedOut'
  | 'internalError'
  | 'invalidTarget'
  | 'invalidOrg'
  | 'help'
  | 'sentPrivately'
  | 'refused.notAllowed'
  | 'refused.rateLimited'
  | 'refused.orgNotAllowed'
  | 'refused.notOurCard'
  | (string & {});

export interface AuditEntry {
  commandId: string;
  requester: { id: string; email: string };
  space: { id: string; type: string };
  /** What was asked: the typed text, or a summary of the card submit (see askedOfCard). */
  asked: string;
  source: 'message' | 'card';
  resolvedPersonId?: string;
  /** For commands about several people (several-people look-ups, reverse look-ups). */
  resolvedPersonIds?: string[];
  outcome: AuditOutcome;
  trackingId?: string;
  /** Why a refusal was made (e.g. otherOrg, notListed, bot). */
  reason?: string;
  /** Where the answer went: the space it was asked in, or the requester's 1:1. */
  delivery?: 'space' | 'private';
  /** A report: its rows (people and workspaces), the location it was narrowed to, whether its CSV was posted. */
  report?: { rows: number; locationId?: string; fileDelivered: boolean };
  /** An edit of transfer numbers: the step (request, confirm, cancel, write, undo), whose numbers, before and after. */
  edit?: EditAudit;
}

/** The line as written: the entry's own fields only (never anything else a caller passed) plus the time. */
export interface AuditLine extends AuditEntry {
  time: string;
}

export interface AuditLogOptions {
  logger: Logger;
  /** AUDIT_LOG_FILE: lines are appended here too (created with mode 0600). */
  filePath?: string;
  now?: () => number;
}

const MAX_ASKED_LENGTH = 500;
const MAX_FIELD_LENGTH = 256;
/** A reverse look-up can match many people; the line keeps the first hundred. */
const MAX_PERSON_IDS = 100;
/** Past this many unwritten bytes the file is not keeping up; lines still reach the log. */
const MAX_FILE_BACKLOG_BYTES = 1024 * 1024;

export class AuditLog {
  private readonly now: () => number;
  private file?: WriteStream;
  private fileFailed = false;
  private droppedLines = 0;

  constructor(private readonly options: AuditLogOptions) {
    this.now = options.now ?? Date.now;
    if (options.filePath) this.openFile(options.filePath);
  }

  record(entry: AuditEntry): AuditLine {
    const line = toLine(entry, new Date(this.now()).toISOString());
    this.options.logger.info({ audit: line }, 'audit');
    this.appendToFile(line);
    return line;
  }

  /** Flushes and closes the file (at shutdown). Records after this go to the log only. */
  close(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    if (!file || this.fileFailed) return Promise.resolve();
    return new Promise((resolve) => file.end(() => resolve()));
  }

  private openFile(path: string): void {
    if (!this.tightenExistingFile(path)) return;
    const file = createWriteStream(path, { flags: 'a', mode: 0o600 });
    file.on('error', (err: NodeJS.ErrnoException) => {
      if (this.fileFailed) return;
      this.fileFailed = true;
      this.options.logger.error({ err: { code: err.code, message: err.message }, path }, 'audit.file_failed');
    });
    this.file = file;
  }

  /**
   * The mode given to createWriteStream applies only to a file it creates: an existing audit file
   * (who asked about whom) keeps whatever mode it had, so it is narrowed to 0600 here, and said once.
   * False, and the file is not written (the audit lines still go to the log), when it is a symbolic
   * link or cannot be narrowed: a file others may read gets no more lines.
   */
  private tightenExistingFile(path: string): boolean {
    let stat: Stats;
    try {
      stat = lstatSync(path);
    } catch {
      return true; // Not there yet: created with 0600 below.
    }
    if (stat.isSymbolicLink()) {
      this.options.logger.error({ path }, 'audit.file_refused: AUDIT_LOG_FILE is a symbolic link; name the file itself. Audit lines go to the log only');
      return false;
    }
    const mode = stat.mode & 0o777;
    if ((mode & 0o077) === 0) return true;
    try {
      chmodSync(path, 0o600);
      this.options.logger.warn({ path, was: mode.toString(8) }, 'audit.file_mode_tightened: AUDIT_LOG_FILE was readable by others; it is now 0600');
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      this.options.logger.error({ path, was: mode.toString(8), code }, 'audit.file_refused: AUDIT_LOG_FILE is readable by others and could not be made 0600. Audit lines go to the log only');
      return false;
    }
  }

  private appendToFile(line: AuditLine): void {
    const file = this.file;
    if (!file || this.fileFailed) return;
    if (file.writableLength > MAX_FILE_BACKLOG_BYTES) {
      if (this.droppedLines++ === 0) this.options.logger.error({ path: this.options.filePath }, 'audit.file_backlog');
      return;
    }
    this.droppedLines = 0;
    file.write(JSON.stringify(line) + '\n');
  }
}

/** Copies the known fields one by one, so a caller's extra properties (a token, a whole context) never get in. */
function toLine(entry: AuditEntry, time: string): AuditLine {
  const line: AuditLine = {
    time,
    commandId: field(entry.commandId),
    requester: { id: field(entry.requester?.id), email: field(entry.requester?.email) },
    space: { id: field(entry.space?.id), type: field(entry.space?.type) },
    source: entry.source === 'card' ? 'card' : 'message',
    asked: field(entry.asked, MAX_ASKED_LENGTH),
    outcome: field(entry.outcome),
  };
  if (entry.resolvedPersonId) line.resolvedPersonId = field(entry.resolvedPersonId);
  if (Array.isArray(entry.resolvedPersonIds) && entry.resolvedPersonIds.length > 0) {
    line.resolvedPersonIds = entry.resolvedPersonIds.slice(0, MAX_PERSON_IDS).map((id) => field(id));
  }
  if (entry.trackingId) line.trackingId = field(entry.trackingId);
  if (entry.reason) line.reason = field(entry.reason);
  if (entry.delivery === 'space' || entry.delivery === 'private') line.delivery = entry.delivery;
  if (entry.report) {
    line.report = { rows: Number(entry.report.rows) || 0, fileDelivered: entry.report.fileDelivered === true };
    if (entry.report.locationId) line.report.locationId = field(entry.report.locationId);
  }
  if (entry.edit) line.edit = editLine(entry.edit);
  return line;
}

function editLine(edit: EditAudit): EditAudit {
  const state = (view: EditAudit['before']) =>
    view ? { useCustomTransferNumbers: view.useCustomTransferNumbers === true, numbers: view.numbers.map((n) => (typeof n === 'string' ? field(n, 64) : null)) as TransferNumberSlots } : undefined;
  const line: EditAudit = { step: edit.step, editId: field(edit.editId), targetId: field(edit.targetId), targetKind: edit.targetKind === 'workspace' ? 'workspace' : 'person' };
  const before = state(edit.before);
  const after = state(edit.after);
  if (before) line.before = before;
  if (after) line.after = after;
  return line;
}

function field(value: unknown, maxLength = MAX_FIELD_LENGTH): string {
  const text = typeof value === 'string' ? value : '';
  if (text.length <= maxLength) return text;
  // Cut by code points so no half of a surrogate pair ends up in the file.
  return `${Array.from(text).slice(0, maxLength).join('')}…`;
}
