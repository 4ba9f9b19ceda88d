/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback,
 * for sign-in tests: one static client, PKCE required, a `groups` scope and
 * claim, and the provider's own login and consent pages (any password).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestAccount {
  name: string;
  email: string;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** The part of oidc-provider's API used here (the package ships no types). */
interface ProviderModule {
  default: new (
    issuer: string,
    configuration: Record<string, unknown>,
  ) => {
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): void;
  };
}

export async function startTestProvider(options: {
  redirectUri: string;
  accounts: Record<string, TestAccount>;
}): Promise<TestProvider> {
  // The issuer names its port, so the port is taken before the provider is made.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A specifier typed as string: the package has no declarations to check against.
  const name: string = 'oidc-provider';
  const { default: Provider } = (await import(name)) as ProviderModule;
  const clientId = 'mandate-tracker';
  const clientSecret = 'test-client-secret-of-32-characters!';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: {
      openid: ['sub'],
      profile: ['name'],
      email: ['email', 'email_verified'],
      groups: ['groups'],
    },
    findAccount: (_ctx: unknown, id: string) => {
      const account = options.accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          name: account.name,
          email: account.email,
          email_verified: true,
          groups: account.groups,
        }),
      };
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
  });
  provider.on('server_error', (_ctx, error) => {
    process.stderr.write(`oidc-provider: ${String(error)}\n`);
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
