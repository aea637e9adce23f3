// "transfer numbers report [for location <name>]": the org's index as a summary and a CSV of everyone
// (src/report: pure). Waits for the first build like "who transfers to"; a location is found by its
// name (whole, then part of it, case and spacing aside) or its ID among the locations in the index.
import { type ReportSummary, summarizeReport, reportFileName } from '../report/summary';
import { reportCsv } from '../report/csv';
import { untilDeadline } from '../lookup/reverse-parts';
import { WebexApiError } from '../webex/errors';
import type { OrgIndex } from './org-index';
import type { BuildProgress, IndexLocation, OrgIndexSnapshot } from './types';

export const DEFAULT_REPORT_DEADLINE_MARGIN_MS = 2_000;
/** Location names a "which location?" answer lists. */
export const MAX_LISTED_LOCATIONS = 10;

export interface ReportFile {
  name: string;
  contentType: 'text/csv';
  bytes: Buffer;
}

export type ReportOutcome =
  | { kind: 'report'; summary: ReportSummary; file: ReportFile }
  | { kind: 'building'; progress: BuildProgress; orgId?: string }
  /** Nobody could be listed: Webex's reason. */
  | { kind: 'listingFailed'; error: WebexApiError }
  /** No location (or several) in the index goes by that name: `names` are those it could be, or the first of all. */
  | { kind: 'location'; asked: string; found: 'none' | 'several'; names: string[]; more: number };

export interface ReportOptions {
  defaultCountry?: string;
  deadlineMarginMs?: number;
  now?: () => number;
}

export class ReportService {
  private readonly now: () => number;

  constructor(
    private readonly index: OrgIndex,
    private readonly opts: ReportOptions = {},
  ) {
    this.now = opts.now ?? (() => Date.now());
  }

  async report(ask: { location?: string; orgId?: string }, call: { deadline?: number; onProgress?: (progress: BuildProgress) => void } = {}): Promise<ReportOutcome> {
    let progress: BuildProgress = { listed: 0, read: 0, listingDone: false };
    let snapshot: OrgIndexSnapshot | undefined;
    const work = this.index
      .current(ask.orgId, (p) => {
        progress = p;
        call.onProgress?.(p);
      })
      .then((s) => {
        snapshot = s;
      });
    const margin = this.opts.deadlineMarginMs ?? DEFAULT_REPORT_DEADLINE_MARGIN_MS;
    const done = await untilDeadline(work, call.deadline === undefined ? undefined : call.deadline - margin, this.now);
    if (!done || !snapshot) return { kind: 'building', progress, ...(ask.orgId ? { orgId: ask.orgId } : {}) };
    if (snapshot.listingFailed && snapshot.entries.length === 0) return { kind: 'listingFailed', error: new WebexApiError(snapshot.listingFailed) };

    let location: IndexLocation | undefined;
    if (ask.location) {
      const found = findLocation(snapshot.locations, ask.location);
      if (found.kind !== 'one') return { kind: 'location', asked: ask.location, found: found.kind, names: found.names.slice(0, MAX_LISTED_LOCATIONS), more: Math.max(0, found.names.length - MAX_LISTED_LOCATIONS) };
      location = found.location;
    }
    const entries = location ? snapshot.entries.filter((entry) => entry.locationId === (location as IndexLocation).id) : snapshot.entries;
    const summary = summarizeReport(snapshot, { location });
    const bytes = reportCsv(snapshot, entries);
    return { kind: 'report', summary, file: { name: reportFileName(summary), contentType: 'text/csv', bytes } };
  }
}

function comparable(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The location by ID, whole name, or part of its name; 'none' lists every name, 'several' the candidates. */
export function findLocation(locations: readonly IndexLocation[], asked: string): { kind: 'one'; location: IndexLocation } | { kind: 'none' | 'several'; names: string[] } {
  const byId = locations.find((location) => location.id === asked.trim());
  if (byId) return { kind: 'one', location: byId };
  const wanted = comparable(asked);
  const named = locations.filter((location) => location.name !== undefined);
  const whole = named.filter((location) => comparable(location.name as string) === wanted);
  if (whole.length === 1) return { kind: 'one', location: whole[0] };
  const part = whole.length > 1 ? whole : named.filter((location) => comparable(location.name as string).includes(wanted));
  if (part.length === 1) return { kind: 'one', location: part[0] };
  const names = (part.length > 1 ? part : named).map((location) => location.name as string).sort((a, b) => a.localeCompare(b));
  return { kind: part.length > 1 ? 'several' : 'none', names };
}
