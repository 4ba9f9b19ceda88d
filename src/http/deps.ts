/** What the HTTP layer needs, built by its entry point from configuration. */
import type { Client } from '@temporalio/client';
import type { DeliverableStore } from '../deliverables/store';
import type { Catalog } from '../shared/types';
import type { StaffToken } from './auth';
import type { OidcSignIn } from './oidc';

export interface HttpDependencies {
  client: Client;
  store: DeliverableStore;
  tokens: StaffToken[];
  linkSecret: string;
  /** Known catalogs by resolution id, for reports and page titles. */
  catalogs: Map<string, Catalog>;
  /** Brings `catalogs` up to date (in place) with catalogs started since; run per request. */
  refreshCatalogs?: () => void;
  maxUploadBytes: number;
  /** The document types the store accepts, as the API documents them (default: the store's). */
  mediaTypes?: readonly string[];
  now: () => number;
  /** Secure cookies when served over HTTPS. */
  secureCookies: boolean;
  /** Staff sign-in through OpenID Connect; undefined: the token sign-in form. */
  oidc?: OidcSignIn;
}
