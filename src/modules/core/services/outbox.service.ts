import type { Kysely } from 'kysely';
import type { Principal } from '../../../core/auth/principal.ts';
import type { FrameworkTables } from '../../../core/database/tables.ts';
import type { Mailer, OutboxEntry } from '../../../core/mail/mailer.ts';
import { AppError } from '../../../exceptions/base.ts';
import { CORE_ERRORS } from '../exceptions.ts';

/** Rows per page of the outbox list. */
export const OUTBOX_PAGE_SIZE = 25;

/**
 * The platforms whose mail an admin may read: every one for a super admin
 * (system mail without a platform too), else those they administer.
 */
export function readablePlatforms(principal: Principal): 'all' | readonly string[] {
  return principal.platforms === 'all' ? 'all' : (principal.platforms ?? []);
}

/**
 * The platform filter of the list. A super admin sees everything unless
 * they pick a platform; a platform admin always looks at one of theirs
 * (the request's platform by default), because the mailer filters by one
 * platform and their view must never include another's mail.
 */
export function outboxPlatformFilter(principal: Principal, requested: string | undefined, current: string): string | undefined {
  const readable = readablePlatforms(principal);
  if (readable === 'all') return requested || undefined;
  if (requested) {
    if (!readable.includes(requested)) throw new AppError(CORE_ERRORS.CORE_OUTBOX_PLATFORM_NOT_ALLOWED, { platform: requested });
    return requested;
  }
  if (readable.includes(current)) return current;
  const first = readable[0];
  if (!first) throw new AppError(CORE_ERRORS.CORE_OUTBOX_PLATFORM_NOT_ALLOWED, { platform: current });
  return first;
}

/** The platforms the list's platform filter offers: all for a super admin, else the admin's own. */
export async function platformChoices(db: Kysely<FrameworkTables>, principal: Principal): Promise<Array<{ code: string; name: string }>> {
  const readable = readablePlatforms(principal);
  if (readable !== 'all' && readable.length === 0) return [];
  let query = db.selectFrom('platforms').select(['code', 'name']).orderBy('name').orderBy('code');
  if (readable !== 'all') query = query.where('code', 'in', [...readable]);
  return query.execute();
}

export interface OutboxPage {
  readonly entries: readonly OutboxEntry[];
  readonly total: number;
  /** 1-based; past the last page means the last page. */
  readonly page: number;
  readonly pages: number;
  /** The platform shown; undefined: all (super admins only). */
  readonly platform: string | undefined;
}

/** One page of the outbox, newest first, filtered by recipient and platform. */
export async function listOutbox(
  mailer: Pick<Mailer, 'list'>,
  principal: Principal,
  query: { to?: string | undefined; page?: number | undefined; platform?: string | undefined; currentPlatform: string },
): Promise<OutboxPage> {
  const platform = outboxPlatformFilter(principal, query.platform, query.currentPlatform);
  const to = query.to?.trim() || undefined;
  const wanted = Math.max(1, Math.floor(query.page ?? 1));
  let result = await mailer.list({ limit: OUTBOX_PAGE_SIZE, offset: (wanted - 1) * OUTBOX_PAGE_SIZE, to, platform });
  const pages = Math.max(1, Math.ceil(result.total / OUTBOX_PAGE_SIZE));
  // A bookmarked page past the end (mail was removed, the filter changed) shows the last one.
  if (wanted > pages && result.total > 0) result = await mailer.list({ limit: OUTBOX_PAGE_SIZE, offset: (pages - 1) * OUTBOX_PAGE_SIZE, to, platform });
  return { entries: result.entries, total: result.total, page: Math.min(wanted, pages), pages, platform };
}

/** One message, if the admin may read it; another platform's mail is not found, as if it did not exist. */
export async function getOutboxMail(mailer: Pick<Mailer, 'get'>, principal: Principal, id: number): Promise<OutboxEntry> {
  const entry = await mailer.get(id);
  const readable = readablePlatforms(principal);
  const allowed = entry && (readable === 'all' || (entry.platform_code !== null && readable.includes(entry.platform_code)));
  if (!entry || !allowed) throw new AppError(CORE_ERRORS.CORE_OUTBOX_MAIL_NOT_FOUND, { id });
  return entry;
}

/** Page numbers around the current one, with `null` for a gap: 1 … 4 5 6 … 12. */
export function pageWindow(page: number, pages: number, around = 1): Array<number | null> {
  const shown = new Set([1, pages]);
  for (let p = page - around; p <= page + around; p += 1) if (p >= 1 && p <= pages) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  for (const [i, p] of sorted.entries()) {
    const previous = sorted[i - 1];
    if (previous !== undefined && p - previous > 1) out.push(null);
    out.push(p);
  }
  return out;
}

/** A run of a mail's text: plain, or a link. */
export interface TextPart {
  readonly text: string;
  readonly href?: string;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/g;
/** Punctuation that ends a sentence rather than the address ("open https://x.test/a."). */
const TRAILING = /[.,;:!?)\]]+$/;

/**
 * Splits a plain-text mail into text and links, so the page can show the
 * links (invitations, password resets) clickable while the template keeps
 * escaping everything.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, '');
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/**
 * The HTML body as the preview frame's document. The frame is sandboxed
 * without scripts or same-origin access; links open in a new tab (the
 * frame allows popups), since navigating inside it would lose the mail.
 */
export function previewDocument(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`) : `${base}${html}`;
}

/** The badge tone of a mail's status. */
export function statusTone(status: OutboxEntry['status']): 'success' | 'danger' | 'info' | 'warning' {
  switch (status) {
    case 'sent':
      return 'success';
    case 'failed':
      return 'danger';
    case 'queued':
      return 'warning';
    case 'outbox':
      return 'info';
  }
}
