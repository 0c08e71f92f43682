import type { AppContext, PlatformRef } from '../../../core/app-context.ts';
import type { AuthService, RequestMeta } from '../../../core/auth/auth-service.ts';
import { hashPassword, passwordProblem } from '../../../core/auth/passwords.ts';
import type { Principal, VendorRef } from '../../../core/auth/principal.ts';
import { digestToken, randomToken } from '../../../core/auth/secret-digest.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import type { Mailer } from '../../../core/mail/mailer.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { isLanguage, type Language } from '../../locales.ts';
import type { ViewEngine } from '../../views.ts';
import { TENANCY_ERRORS } from '../exceptions.ts';
import type { BuiltinVendorRole, TenancyTables } from '../models/tenancy.model.ts';
import { ROLE_LABEL_KEYS } from './role-permissions.ts';
import { emailAddress } from './email-address.ts';
import { sendTemplatedMail } from '../../../core/mail/templated-mail.ts';

type Scope = VendorScope<TenancyTables>;

/** How long an invitation link works. */
export const INVITATION_TTL_DAYS = 7;
const INVITATION_TTL_MS = INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000;
const NAME_MAX_LENGTH = 200;

/** A role to give: a built-in one, or a custom role of the same vendor. */
export type RoleChoice = { readonly builtin: BuiltinVendorRole } | { readonly roleId: number };

/** A member's role as stored: exactly one of the two is set. */
export interface MemberRole {
  readonly builtinRole: BuiltinVendorRole | null;
  readonly roleId: number | null;
  /** The custom role's name (null for a built-in role). */
  readonly roleName: string | null;
}

export interface TeamMember extends MemberRole {
  /** The membership's id: what `/team/:memberId` names. */
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  readonly email: string;
  readonly joinedAt: Date;
  readonly lastLoginAt: Date | null;
}

export interface Invitation extends MemberRole {
  readonly id: number;
  readonly email: string;
  readonly invitedBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly expired: boolean;
}

/** What the invitation mail needs from the request that sends it. */
export interface InvitationMailContext {
  readonly mailer: Mailer;
  readonly views: Pick<ViewEngine, 'render' | 'translations'>;
  /** The site's address as the inviter reached it (with any development prefix); the link starts with it. */
  readonly siteUrl: string;
  readonly platform: PlatformRef;
  readonly inviterName: string;
  /** The language when the invitee has no account yet: the vendor's default, else this one. */
  readonly fallbackLanguage: Language;
}

/**
 * A vendor's team: its members and their roles, and the invitations that
 * bring new members in. Everything goes through the VendorScope of the
 * principal's vendor, so an id of another vendor's member, role or
 * invitation is "not found", exactly like an id that does not exist.
 * Changes that touch several rows run in one transaction; the owner rows
 * are locked first, so two owners demoting each other at the same moment
 * cannot leave the vendor without one.
 *
 * @example
 * const team = TeamService.forPrincipal(app.wizamart, request.principal);
 * await team.changeRole(memberId, { builtin: 'manager' });
 */
export class TeamService {
  readonly #scope: Scope;
  readonly #auth: AuthService;
  readonly #vendor: VendorRef;

  constructor(scope: Scope, auth: AuthService, vendor: VendorRef) {
    this.#scope = scope;
    this.#auth = auth;
    this.#vendor = vendor;
  }

  /** The team of the vendor the principal's session is bound to (never a vendor named in the URL). */
  static forPrincipal(ctx: Pick<AppContext, 'database' | 'auth'>, principal: Principal | undefined): TeamService {
    const vendor = principal?.vendor;
    if (!vendor) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    return new TeamService(new VendorScope(ctx.database.db.withTables<TenancyTables>(), vendor.id), ctx.auth, vendor);
  }

  async listMembers(): Promise<TeamMember[]> {
    return this.#members(this.#scope);
  }

  async getMember(id: number): Promise<TeamMember> {
    const [member] = await this.#members(this.#scope, id);
    if (!member) throw new AppError(TENANCY_ERRORS.TENANCY_MEMBER_NOT_FOUND, { member: id });
    return member;
  }

  /** Gives a member another role; the vendor's last owner keeps theirs (TENANCY_TEAM_LAST_OWNER). */
  async changeRole(memberId: number, choice: RoleChoice): Promise<TeamMember> {
    await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      const owners = await lockOwners(scope);
      const member = await scope.selectFrom('vendor_memberships').select(['id', 'builtin_role']).where('id', '=', memberId).forUpdate().executeTakeFirst();
      if (!member) throw new AppError(TENANCY_ERRORS.TENANCY_MEMBER_NOT_FOUND, { member: memberId });
      const role = await resolveRole(scope, choice);
      const staysOwner = role.builtin_role === 'owner';
      if (member.builtin_role === 'owner' && !staysOwner && owners <= 1) throw this.#lastOwner();
      await scope.updateTable('vendor_memberships').set(role).where('id', '=', memberId).execute();
    });
    return this.getMember(memberId);
  }

  /**
   * Takes a member off the team (not the vendor's last owner) and ends their
   * sessions for this vendor. Their account stays: they may be on other teams.
   */
  async removeMember(memberId: number): Promise<TeamMember> {
    const member = await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      const owners = await lockOwners(scope);
      const [found] = await this.#members(scope, memberId, true);
      if (!found) throw new AppError(TENANCY_ERRORS.TENANCY_MEMBER_NOT_FOUND, { member: memberId });
      if (found.builtinRole === 'owner' && owners <= 1) throw this.#lastOwner();
      await scope.deleteFrom('vendor_memberships').where('id', '=', memberId).execute();
      return found;
    });
    // After the commit: the embedded database runs one transaction at a time,
    // and a principal without membership is refused anyway.
    await this.#auth.sessions.revokeAllForUser('vendor', member.userId, { vendorId: this.#vendor.id, reason: 'removed' });
    return member;
  }

  /** Invitations not accepted nor withdrawn, expired ones included (they can be sent again). */
  async listInvitations(): Promise<Invitation[]> {
    return this.#invitations(this.#scope);
  }

  /**
   * Invites an e-mail address with a role and mails it the link. A pending
   * invitation to the same address is withdrawn: only the newest link works.
   */
  async invite(input: { email: string; role: RoleChoice; invitedBy: string }, mail: InvitationMailContext): Promise<Invitation> {
    const email = emailAddress(input.email);
    const token = randomToken();
    const id = await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      const role = await resolveRole(scope, input.role);
      const member = await scope
        .selectFrom('vendor_memberships')
        .innerJoin('vendor_users', 'vendor_users.id', 'vendor_memberships.user_id')
        .select('vendor_memberships.id')
        .where('vendor_users.email', '=', email)
        .executeTakeFirst();
      if (member) throw new AppError(TENANCY_ERRORS.TENANCY_TEAM_ALREADY_MEMBER, { email });
      await scope.updateTable('vendor_invitations').set({ revoked_at: new Date() }).where('email', '=', email).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
      const row = await scope
        .insertInto('vendor_invitations', {
          email,
          ...role,
          token_hash: digestToken(token),
          invited_by: input.invitedBy.slice(0, 200),
          expires_at: new Date(Date.now() + INVITATION_TTL_MS),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    const invitation = await this.#invitation(id);
    await this.#mail(invitation, token, mail);
    return invitation;
  }

  /** Sends a pending (or expired) invitation again with a new link, valid for another week; the old link stops working. */
  async resendInvitation(id: number, mail: InvitationMailContext): Promise<Invitation> {
    const token = randomToken();
    const updated = await this.#scope
      .updateTable('vendor_invitations')
      .set({ token_hash: digestToken(token), expires_at: new Date(Date.now() + INVITATION_TTL_MS) })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new AppError(TENANCY_ERRORS.TENANCY_INVITATION_NOT_FOUND, { invitation: id });
    const invitation = await this.#invitation(id);
    await this.#mail(invitation, token, mail);
    return invitation;
  }

  /** Withdraws an invitation: its link stops working. */
  async revokeInvitation(id: number): Promise<void> {
    const updated = await this.#scope
      .updateTable('vendor_invitations')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new AppError(TENANCY_ERRORS.TENANCY_INVITATION_NOT_FOUND, { invitation: id });
  }

  #lastOwner(): AppError {
    return new AppError(TENANCY_ERRORS.TENANCY_TEAM_LAST_OWNER, { vendor: this.#vendor.name || this.#vendor.code });
  }

  async #members(scope: Scope, id?: number, lock = false): Promise<TeamMember[]> {
    let query = scope
      .selectFrom('vendor_memberships')
      .innerJoin('vendor_users', 'vendor_users.id', 'vendor_memberships.user_id')
      // The role of the same vendor only: a row pointing elsewhere would show no role rather than another vendor's.
      .leftJoin('vendor_roles', (join) => join.onRef('vendor_roles.id', '=', 'vendor_memberships.role_id').onRef('vendor_roles.vendor_id', '=', 'vendor_memberships.vendor_id'))
      .select([
        'vendor_memberships.id',
        'vendor_memberships.user_id',
        'vendor_memberships.builtin_role',
        'vendor_memberships.role_id',
        'vendor_memberships.created_at',
        'vendor_users.name',
        'vendor_users.email',
        'vendor_users.last_login_at',
        'vendor_roles.name as role_name',
      ]);
    if (id !== undefined) query = query.where('vendor_memberships.id', '=', id);
    if (lock) query = query.forUpdate('vendor_memberships');
    const rows = await query.orderBy('vendor_users.name').orderBy('vendor_memberships.id').execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      name: r.name,
      email: r.email,
      builtinRole: r.builtin_role,
      roleId: r.role_id,
      roleName: r.role_name,
      joinedAt: r.created_at,
      lastLoginAt: r.last_login_at,
    }));
  }

  async #invitations(scope: Scope, id?: number): Promise<Invitation[]> {
    let query = scope
      .selectFrom('vendor_invitations')
      .leftJoin('vendor_roles', (join) => join.onRef('vendor_roles.id', '=', 'vendor_invitations.role_id').onRef('vendor_roles.vendor_id', '=', 'vendor_invitations.vendor_id'))
      .select([
        'vendor_invitations.id',
        'vendor_invitations.email',
        'vendor_invitations.builtin_role',
        'vendor_invitations.role_id',
        'vendor_invitations.invited_by',
        'vendor_invitations.created_at',
        'vendor_invitations.expires_at',
        'vendor_roles.name as role_name',
      ])
      .where('vendor_invitations.accepted_at', 'is', null)
      .where('vendor_invitations.revoked_at', 'is', null);
    if (id !== undefined) query = query.where('vendor_invitations.id', '=', id);
    const rows = await query.orderBy('vendor_invitations.created_at', 'desc').orderBy('vendor_invitations.id', 'desc').execute();
    const now = Date.now();
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      builtinRole: r.builtin_role,
      roleId: r.role_id,
      roleName: r.role_name,
      invitedBy: r.invited_by,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      expired: r.expires_at.getTime() <= now,
    }));
  }

  async #invitation(id: number): Promise<Invitation> {
    const [invitation] = await this.#invitations(this.#scope, id);
    if (!invitation) throw new AppError(TENANCY_ERRORS.TENANCY_INVITATION_NOT_FOUND, { invitation: id });
    return invitation;
  }

  async #mail(invitation: Invitation, token: string, mail: InvitationMailContext): Promise<void> {
    const db = this.#scope.db;
    const [account, vendor] = await Promise.all([
      db.selectFrom('vendor_users').select('language').where('email', '=', invitation.email).executeTakeFirst(),
      db.selectFrom('vendors').select('default_language').where('id', '=', this.#vendor.id).executeTakeFirst(),
    ]);
    const language = [account?.language, vendor?.default_language].find(isLanguage) ?? mail.fallbackLanguage;
    const vendorName = this.#vendor.name || this.#vendor.code;
    const platform = mail.platform.name ?? mail.platform.code;
    await sendTemplatedMail(mail.mailer, mail.views, {
      to: invitation.email,
      language,
      view: 'tenancy/mail/team-invite',
      subject: (t) => t('tenancy:mail.team_invite.subject', { vendor: vendorName, platform }),
      context: {
        vendor: vendorName,
        inviter: mail.inviterName,
        role: roleLabel(mail.views.translations.translator(language), invitation),
        link: `${mail.siteUrl}/vendor/invitations/${encodeURIComponent(token)}`,
        days: INVITATION_TTL_DAYS,
        platform,
      },
      template: 'tenancy.team-invite',
      platform: mail.platform.code,
      vendorId: this.#vendor.id,
    });
  }
}

/** A role as people read it: the built-in role's translated name, or the custom role's own. */
export function roleLabel(t: (key: string | readonly string[]) => string, role: MemberRole): string {
  if (role.builtinRole) return t([ROLE_LABEL_KEYS[role.builtinRole], `common:roles.${role.builtinRole}`]);
  return role.roleName ?? '';
}

/** Locks the vendor's owner memberships for the transaction and counts them. */
async function lockOwners(scope: Scope): Promise<number> {
  const owners = await scope.selectFrom('vendor_memberships').select('id').where('builtin_role', '=', 'owner').forUpdate().execute();
  return owners.length;
}

/** The columns a role choice writes; a custom role must be one of this vendor's (404 otherwise). */
async function resolveRole(scope: Scope, choice: RoleChoice): Promise<{ builtin_role: BuiltinVendorRole | null; role_id: number | null }> {
  if ('builtin' in choice) return { builtin_role: choice.builtin, role_id: null };
  const role = await scope.selectFrom('vendor_roles').select('id').where('id', '=', choice.roleId).executeTakeFirst();
  if (!role) throw new AppError(TENANCY_ERRORS.TENANCY_ROLE_NOT_FOUND, { role: choice.roleId });
  return { builtin_role: null, role_id: role.id };
}

/** An invitation as its link's page shows it. */
export interface InvitationPreview extends MemberRole {
  readonly id: number;
  readonly email: string;
  readonly vendor: VendorRef;
  readonly expiresAt: Date;
  /** The e-mail has an account with a password: the person confirms with it instead of choosing one. */
  readonly hasAccount: boolean;
  /** The account's name, when there is one. */
  readonly accountName: string | null;
}

export interface AcceptInput {
  readonly password: string;
  /** Needed when the e-mail has no account yet. */
  readonly name?: string;
  /** The new account's language. */
  readonly language: Language;
}

/**
 * The other side of an invitation: the person who got the mail opens the
 * link (no sign-in: the token is the credential), then joins the team,
 * either with their existing account (confirming its password) or with a
 * new one. The token is looked up by its digest; that one lookup cannot go
 * through a VendorScope, since the token is what names the vendor. Every
 * change afterwards goes through the scope of the invitation's vendor.
 */
export class InvitationAcceptance {
  readonly #ctx: Pick<AppContext, 'database' | 'auth'>;

  constructor(ctx: Pick<AppContext, 'database' | 'auth'>) {
    this.#ctx = ctx;
  }

  /** The invitation of a link, if it can still be accepted on this platform (TENANCY_INVITATION_INVALID otherwise). */
  async preview(token: string, platform: string): Promise<InvitationPreview> {
    const db = this.#ctx.database.db.withTables<TenancyTables>();
    const row = await db
      .selectFrom('vendor_invitations as i')
      .innerJoin('vendors as v', 'v.id', 'i.vendor_id')
      .innerJoin('platforms as p', 'p.id', 'v.platform_id')
      .leftJoin('vendor_roles as r', (join) => join.onRef('r.id', '=', 'i.role_id').onRef('r.vendor_id', '=', 'i.vendor_id'))
      .leftJoin('vendor_users as u', 'u.email', 'i.email')
      .select([
        'i.id',
        'i.email',
        'i.builtin_role',
        'i.role_id',
        'i.expires_at',
        'i.accepted_at',
        'i.revoked_at',
        'r.name as role_name',
        'v.id as vendor_id',
        'v.code as vendor_code',
        'v.name as vendor_name',
        'v.status as vendor_status',
        'p.code as platform_code',
        'u.name as account_name',
        'u.password_hash',
      ])
      .where('i.token_hash', '=', digestToken(token))
      .executeTakeFirst();
    // A link of another platform's vendor is refused too: the session it starts would not work here.
    if (!row || row.accepted_at || row.revoked_at || row.expires_at.getTime() <= Date.now() || row.vendor_status !== 'active' || row.platform_code !== platform) {
      throw new AppError(TENANCY_ERRORS.TENANCY_INVITATION_INVALID);
    }
    return {
      id: row.id,
      email: row.email,
      builtinRole: row.builtin_role,
      roleId: row.role_id,
      roleName: row.role_name,
      expiresAt: row.expires_at,
      vendor: { id: row.vendor_id, code: row.vendor_code, name: row.vendor_name, platform: row.platform_code },
      hasAccount: Boolean(row.password_hash),
      accountName: row.account_name,
    };
  }

  /**
   * Accepts an invitation: checks the existing account's password (with the
   * sign-in throttle) or creates the account, then adds the membership and
   * marks the invitation used, in one transaction. Returns who joined which
   * vendor, for the caller to sign them in.
   */
  async accept(token: string, input: AcceptInput, meta: RequestMeta): Promise<{ userId: number; vendor: VendorRef }> {
    const invitation = await this.preview(token, meta.platform);
    const db = this.#ctx.database.db.withTables<TenancyTables>();
    let newHash: string | undefined;
    let name: string | undefined;
    if (invitation.hasAccount) {
      await this.#ctx.auth.verifyCredentials('vendor', invitation.email, input.password, meta);
    } else {
      name = (input.name ?? '').trim() || invitation.accountName || '';
      if (name.length === 0 || name.length > NAME_MAX_LENGTH) throw new AppError(TENANCY_ERRORS.TENANCY_INVITATION_NAME_REQUIRED);
      const problem = passwordProblem(input.password, invitation.email);
      if (problem) throw new AppError(FRAMEWORK_ERRORS.PASSWORD_TOO_WEAK, { problem });
      // Hashing is slow on purpose: done before the transaction, which holds the embedded database.
      newHash = await hashPassword(input.password);
    }
    const userId = await db.transaction().execute(async (trx) => {
      const scope = new VendorScope<TenancyTables>(trx, invitation.vendor.id);
      const open = await scope
        .selectFrom('vendor_invitations')
        .select('id')
        .where('id', '=', invitation.id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', new Date())
        .forUpdate()
        .executeTakeFirst();
      // Accepted twice at once, or withdrawn in the meantime.
      if (!open) throw new AppError(TENANCY_ERRORS.TENANCY_INVITATION_INVALID);
      const account = await trx.selectFrom('vendor_users').select(['id', 'password_hash']).where('email', '=', invitation.email).executeTakeFirst();
      let id: number;
      if (!account) {
        const created = await trx
          .insertInto('vendor_users')
          .values({ email: invitation.email, name: name!, password_hash: newHash!, language: input.language })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = created.id;
      } else {
        id = account.id;
        // An account made without a password (by an admin) gets the one chosen here: the mailed link proves the address.
        if (newHash) await trx.updateTable('vendor_users').set({ password_hash: newHash, ...(name ? { name } : {}) }).where('id', '=', id).execute();
      }
      const member = await scope.selectFrom('vendor_memberships').select('id').where('user_id', '=', id).executeTakeFirst();
      if (member) throw new AppError(TENANCY_ERRORS.TENANCY_TEAM_ALREADY_MEMBER, { email: invitation.email });
      await scope.insertInto('vendor_memberships', { user_id: id, builtin_role: invitation.builtinRole, role_id: invitation.roleId }).execute();
      await scope.updateTable('vendor_invitations').set({ accepted_at: new Date() }).where('id', '=', invitation.id).execute();
      return id;
    });
    return { userId, vendor: invitation.vendor };
  }
}
