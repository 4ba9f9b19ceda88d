/** What the HTTP layer needs, built by its entry point from configuration. */
import type { Client } from '@temporalio/client';
import type { DeliverableStore } from '../deliverables/store';
import type { SecretariatContact } from '../client/digest-schedules';
import type { SentArchive } from '../mail/sent-archive';
import type { ReceivedArchive } from '../replies/received-archive';
import type { Catalog } from '../shared/types';
import type { StaffToken } from './auth';
import type { OidcSignIn } from './oidc';
import type { SessionStore } from './sessions';
import type { LinkSecret } from '../links/signed-link';
import type { PublicRateLimits } from './rate-limit';
import type { Refusal } from './refusals';
import type { ServerErrorLog } from './server-errors';

export interface HttpDependencies {
  client: Client;
  store: DeliverableStore;
  tokens: StaffToken[];
  /** The hand-in link keys (or one bare secret). */
  linkSecret: LinkSecret;
  /** Known catalogs by resolution id, for reports and page titles. */
  catalogs: Map<string, Catalog>;
  /** Brings `catalogs` up to date (in place) with catalogs started since; run per request. */
  refreshCatalogs?: () => void;
  /** Resolutions whose read-only public page (/public/<id>) is published; none when absent. */
  publicResolutions?: ReadonlySet<string>;
  /** Resolution ids that were started (recorded by `mandate start`); without it, every known catalog counts as started. */
  startedCatalogs?: ReadonlySet<string>;
  maxUploadBytes: number;
  /** The document types the store accepts, as the API documents them (default: the store's). */
  mediaTypes?: readonly string[];
  now: () => number;
  /** Secure cookies when served over HTTPS. */
  secureCookies: boolean;
  /** The data folder, where catalogs started from the browser are recorded (as `mandate start` does); unset: not recorded. */
  dataDir?: string;
  /** The workers' task queue, for catalogs started from the browser; unset: the default. */
  taskQueue?: string;
  /** Sessions of staff who signed in with a token (default: 8 hours, in memory). */
  tokenSessions?: SessionStore;
  /** Staff sign-in through OpenID Connect; undefined: the token sign-in form. */
  oidc?: OidcSignIn;
  /** Where refused requests are logged (default: a JSON line on standard error). */
  logRefusal?: (refusal: Refusal) => void;
  /** Where failures of ours (5xx) are logged, with their reference and stack (default: standard error). */
  logServerError?: ServerErrorLog;
  /** The sent-mail archive the workers write; undefined: no mail reads as archived. */
  sentMail?: SentArchive;
  /** The replies the mailbox reader read (the workers write it); undefined: none are shown. */
  receivedMail?: ReceivedArchive;
  /** Catalogs started from the browser install the weekly digest's schedules, the secretariat's here; unset: none. */
  digestSecretariat?: SecretariatContact;
  /** Rate limits of sign-in and hand-in (defaults in rate-limit.ts). */
  rateLimits?: Partial<PublicRateLimits>;
}
