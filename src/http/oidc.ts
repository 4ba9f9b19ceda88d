/**
 * Staff sign-in through an OpenID Connect provider (openid-client): the
 * authorization code flow with PKCE (S256), state and nonce; the role comes
 * from a configurable claim (e.g. `groups`) of the ID token and userinfo.
 */
import * as oidc from 'openid-client';
import type { OidcConfig } from '../config/config';
import type { StaffRole } from './auth';
import { SessionStore, type StaffPrincipal } from './sessions';

/** A sign-in the provider has not answered yet, kept until the callback. */
interface Pending {
  verifier: string;
  nonce: string;
  next: string;
  expiresAt: number;
}

/** Ten minutes to get through the provider's pages. */
const PENDING_MS = 10 * 60_000;

export const OIDC_STATE_COOKIE = 'mandate_oidc_state';

/** Why a sign-in did not give a session; the message is shown to the person. */
export class SignInRefusedError extends Error {
  override name = 'SignInRefusedError';
}

/**
 * The role for a person's claims: the secretariat group wins over the
 * manager group; neither gives no role. The claim may be a list or one string.
 */
export function roleFromClaims(
  claims: Record<string, unknown>,
  config: Pick<OidcConfig, 'roleClaim' | 'secretariatGroup' | 'managerGroup'>,
): StaffRole | undefined {
  const raw = claims[config.roleClaim];
  const groups = Array.isArray(raw)
    ? raw.filter((g): g is string => typeof g === 'string')
    : typeof raw === 'string'
      ? [raw]
      : [];
  if (groups.includes(config.secretariatGroup)) return 'secretariat';
  if (groups.includes(config.managerGroup)) return 'manager';
  return undefined;
}

export class OidcSignIn {
  readonly sessions: SessionStore;
  private readonly pending = new Map<string, Pending>();
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(
    readonly config: OidcConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.sessions = new SessionStore(config.sessionHours * 3_600_000, now);
  }

  /** The provider's metadata, fetched at the first sign-in (a provider down at start-up is no reason not to start). */
  private provider(): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(this.config.issuer);
      this.discovered = oidc
        .discovery(
          issuer,
          this.config.clientId,
          this.config.clientSecret,
          undefined,
          // The configuration only allows plain http for a provider on loopback.
          issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
        )
        .catch((error: unknown) => {
          this.discovered = undefined;
          throw new SignInRefusedError(
            `the identity provider ${this.config.issuer} cannot be reached: ${(error as Error).message}`,
          );
        });
    }
    return this.discovered;
  }

  /** Starts a sign-in: the provider's authorization URL and the state to keep in a cookie. */
  async start(next: string): Promise<{ url: string; state: string }> {
    const provider = await this.provider();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const now = this.now();
    for (const [key, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(key);
    this.pending.set(state, { verifier, nonce, next, expiresAt: now + PENDING_MS });
    const url = oidc.buildAuthorizationUrl(provider, {
      redirect_uri: this.config.redirectUrl,
      scope: this.config.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /**
   * Finishes a sign-in from the provider's redirect (`search` is its query):
   * exchanges the code, checks the ID token, reads the claims and makes a
   * session. `state` is the value of the browser's state cookie.
   */
  async finish(
    search: string,
    state: string | undefined,
  ): Promise<{ session: string; principal: StaffPrincipal; next: string }> {
    const params = new URLSearchParams(search);
    const error = params.get('error');
    if (error)
      throw new SignInRefusedError(
        `the identity provider refused the sign-in: ${params.get('error_description') ?? error}`,
      );
    const pending = state ? this.pending.get(state) : undefined;
    if (!state || !pending || params.get('state') !== state || pending.expiresAt <= this.now())
      throw new SignInRefusedError('this sign-in is stale or was started elsewhere; sign in again');
    this.pending.delete(state);
    const provider = await this.provider();
    const current = new URL(this.config.redirectUrl);
    current.search = search;
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      // Many providers put groups and e-mail only in userinfo.
      const info = await oidc.fetchUserInfo(provider, tokens.access_token, idClaims.sub);
      claims = { ...idClaims, ...info };
    } catch (error) {
      throw new SignInRefusedError(
        `the sign-in could not be completed: ${(error as Error).message}`,
      );
    }
    const role = roleFromClaims(claims, this.config);
    const name = [claims.name, claims.preferred_username, claims.sub].find(
      (v): v is string => typeof v === 'string' && v.length > 0,
    )!;
    if (!role)
      throw new SignInRefusedError(
        `${name} is signed in at the identity provider but has no role here: ask for the ${this.config.secretariatGroup} or ${this.config.managerGroup} group (claim ${this.config.roleClaim})`,
      );
    const email = typeof claims.email === 'string' ? claims.email : undefined;
    const principal: StaffPrincipal = { role, name, ...(email ? { email } : {}) };
    return { session: this.sessions.create(principal), principal, next: pending.next };
  }
}
