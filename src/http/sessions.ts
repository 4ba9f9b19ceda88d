/**
 * Server-side staff sessions, after a sign-in with a token or through an
 * OpenID Connect provider: the browser holds only a random id; who it is,
 * and until when, stays on the server, so signing out or expiry ends the
 * session at once. A token session is bound to the token's hash: removing
 * the token from the configuration ends its sessions too. Kept in memory: a
 * restart of the HTTP server signs everyone out.
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
  /** The credential the session stands for (a token's SHA-256), checked on every use. */
  credential?: string;
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
  create(principal: StaffPrincipal, credential?: string): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, {
      principal,
      expiresAt: this.now() + this.lifetimeMs,
      ...(credential !== undefined ? { credential } : {}),
    });
    return id;
  }

  /**
   * The session's person, unless it is unknown, has expired, or stands for a
   * credential `stillValid` no longer accepts (the session then ends).
   */
  get(
    id: string | undefined,
    stillValid: (credential: string) => boolean = () => true,
  ): StaffPrincipal | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (
      session.expiresAt <= this.now() ||
      (session.credential !== undefined && !stillValid(session.credential))
    ) {
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
