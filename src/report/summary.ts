// The summary of a transfer numbers report (what its card shows): counts, and the findings by kind with
// a few examples each. Pure.
import { WebexApiError } from '../webex/errors';
import { FINDING_KINDS, type FindingKind, type IndexEntry, type IndexLocation, type OrgIndexSnapshot, type StoredError } from '../org-index/types';

/** Examples a finding kind shows on the card; the CSV has everyone. */
export const MAX_FINDING_EXAMPLES = 3;

export interface FindingExample {
  name: string;
  /** '' for workspaces and people without one. */
  email: string;
  kind: 'person' | 'workspace';
  slot?: 1 | 2 | 3;
}

export interface FindingCount {
  kind: FindingKind;
  /** Entries with at least one finding of this kind. */
  count: number;
  examples: FindingExample[];
}

export interface ReportSummary {
  /** When the index was built ("index as of"). */
  builtAt: Date;
  complete: boolean;
  orgId?: string;
  /** The location the report is narrowed to. */
  location?: { id: string; name?: string };
  people: number;
  workspaces: number;
  /** Custom numbers on. */
  customNumbers: number;
  /** Their location's numbers apply. */
  followLocation: number;
  /** Whose numbers could not be read at all. */
  unreadable: number;
  /** Read, but their location's numbers or the permissions in effect could not be. */
  partlyUnreadable: number;
  findings: FindingCount[];
  workspacesUnsearched?: StoredError;
  /** Why the listing stopped early (the report holds only who was listed). */
  listingFailed?: WebexApiError;
}

export function summarizeReport(snapshot: OrgIndexSnapshot, options: { location?: IndexLocation } = {}): ReportSummary {
  const location = options.location;
  const entries = location ? snapshot.entries.filter((entry) => entry.locationId === location.id) : snapshot.entries;
  const byKind = new Map<FindingKind, FindingCount>();
  const summary: ReportSummary = {
    builtAt: new Date(snapshot.builtAt),
    complete: snapshot.complete,
    people: 0,
    workspaces: 0,
    customNumbers: 0,
    followLocation: 0,
    unreadable: 0,
    partlyUnreadable: 0,
    findings: [],
  };
  for (const entry of entries) {
    if (entry.kind === 'workspace') summary.workspaces++;
    else summary.people++;
    if (entry.customNumbers === true) summary.customNumbers++;
    if (entry.numbersFrom === 'location') summary.followLocation++;
    if (entry.error?.stage === 'numbers') summary.unreadable++;
    else if (entry.error) summary.partlyUnreadable++;
    countFindings(byKind, entry);
  }
  summary.findings = FINDING_KINDS.map((kind) => byKind.get(kind)).filter((count): count is FindingCount => count !== undefined);
  if (snapshot.orgId) summary.orgId = snapshot.orgId;
  if (location) summary.location = { id: location.id, ...(location.name ? { name: location.name } : {}) };
  if (snapshot.workspacesUnsearched) summary.workspacesUnsearched = snapshot.workspacesUnsearched;
  if (snapshot.listingFailed) summary.listingFailed = new WebexApiError(snapshot.listingFailed);
  return summary;
}

function countFindings(byKind: Map<FindingKind, FindingCount>, entry: IndexEntry): void {
  const seen = new Set<FindingKind>();
  for (const finding of entry.findings) {
    const count = byKind.get(finding.kind) ?? { kind: finding.kind, count: 0, examples: [] };
    byKind.set(finding.kind, count);
    if (seen.has(finding.kind)) continue;
    seen.add(finding.kind);
    count.count++;
    if (count.examples.length < MAX_FINDING_EXAMPLES) {
      count.examples.push({ name: entry.name, email: entry.email, kind: entry.kind, ...(finding.slot ? { slot: finding.slot } : {}) });
    }
  }
}

/** "transfer-numbers-2026-12-03-0910Z.csv", or "transfer-numbers-birmingham-hq-2026-12-03-0910Z.csv" for a location. */
export function reportFileName(summary: Pick<ReportSummary, 'builtAt' | 'location'>): string {
  const iso = summary.builtAt.toISOString();
  const stamp = `${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  const slug = summary.location
    ? (summary.location.name ?? 'location')
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40)
        .replace(/-+$/, '')
    : '';
  return `transfer-numbers-${slug ? `${slug}-` : ''}${stamp}.csv`;
}
