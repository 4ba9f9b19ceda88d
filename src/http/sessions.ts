/**
 * Server-side staff sessions after an OpenID Connect sign-in: the browser
 * holds only a random id; who it is, and until when, stays on the server,
 * so signing out or expiry ends the session at once. Kept in memory: a
 * restart of the HTTP server signs everyone out (they sign in again through
 * the provider, usually without typing anything).
 */
import { randomBytes } from 'node:crypto';
import type { Principal } from './auth';

/** A signed-in person: their role, name and (from the provider) e-mail. */
export interface StaffPrincipal extends Principal {
  email?: string;
}

interface Session {
  principal: StaffPrincipal;
  expiresAt: number;
}

export const STAFF_SESSION_COOKIE = 'mandate_staff';

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    /** How long a session lasts after sign-in. */
    readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session for `principal`; answers its id (the cookie's value). */
  create(principal: StaffPrincipal): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { principal, expiresAt: this.now() + this.lifetimeMs });
    return id;
  }

  /** The session's person, unless it is unknown or has expired. */
  get(id: string | undefined): StaffPrincipal | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session.principal;
  }

  /** Ends a session (sign-out). */
  end(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}

/**
 * What is recorded as `by` for a change: the name, and the e-mail when the
 * provider gave one ("Amina Diallo <amina.diallo@example.int>").
 */
export function actorOf(principal: StaffPrincipal): string {
  return principal.email ? `${principal.name} <${principal.email}>` : principal.name;
}
