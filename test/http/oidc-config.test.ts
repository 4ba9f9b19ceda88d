/** OpenID Connect settings and the role mapping: clear errors on bad values, the configured claim decides the role. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { roleFromClaims } from '../../src/http/oidc';
import { SessionStore, actorOf } from '../../src/http/sessions';

const base = { MANDATE_OIDC_ISSUER: 'https://login.example.int/realms/staff' };

describe('OIDC configuration', () => {
  it('is off without an issuer, so npm start keeps the token sign-in', () => {
    expect(loadConfig({}, '/srv').oidc).toBeUndefined();
  });

  it('reads the client, the role claim and the groups, with the redirect under the public URL', () => {
    const config = loadConfig(
      {
        ...base,
        MANDATE_OIDC_CLIENT_ID: 'mandate',
        MANDATE_OIDC_ROLE_CLAIM: 'roles',
        MANDATE_OIDC_SECRETARIAT_GROUP: 'itu-sg',
        MANDATE_PUBLIC_URL: 'https://mandates.example.int/',
      },
      '/srv',
    );
    expect(config.oidc).toEqual({
      issuer: base.MANDATE_OIDC_ISSUER,
      clientId: 'mandate',
      redirectUrl: 'https://mandates.example.int/auth/callback',
      scopes: 'openid profile email',
      roleClaim: 'roles',
      secretariatGroup: 'itu-sg',
      managerGroup: 'manager',
      sessionHours: 8,
    });
  });

  it('names what is wrong', () => {
    expect(() => loadConfig(base, '/srv')).toThrow(
      new ConfigError('MANDATE_OIDC_CLIENT_ID: needed with MANDATE_OIDC_ISSUER'),
    );
    expect(() =>
      loadConfig(
        { MANDATE_OIDC_ISSUER: 'http://login.example.int', MANDATE_OIDC_CLIENT_ID: 'x' },
        '/srv',
      ),
    ).toThrow(/must use https \(plain http only on localhost\)/);
    expect(() =>
      loadConfig({ ...base, MANDATE_OIDC_CLIENT_ID: 'x', MANDATE_SESSION_HOURS: '0' }, '/srv'),
    ).toThrow(/MANDATE_SESSION_HOURS: 0 is not a number of hours/);
  });
});

describe('roles from claims', () => {
  const config = { roleClaim: 'groups', secretariatGroup: 'sec', managerGroup: 'mgr' };
  it('takes the secretariat over the manager group, a single string too, and nothing else', () => {
    expect(roleFromClaims({ groups: ['mgr', 'sec'] }, config)).toBe('secretariat');
    expect(roleFromClaims({ groups: 'mgr' }, config)).toBe('manager');
    expect(roleFromClaims({ groups: ['staff'] }, config)).toBeUndefined();
    expect(roleFromClaims({ roles: ['sec'] }, config)).toBeUndefined();
  });
});

describe('sessions', () => {
  it('expire after their lifetime and end on sign-out', () => {
    let now = 1_000;
    const store = new SessionStore(60_000, () => now);
    const a = store.create({ role: 'manager', name: 'A', email: 'a@example.int' });
    const b = store.create({ role: 'secretariat', name: 'B' });
    expect(store.get(a)).toEqual({ role: 'manager', name: 'A', email: 'a@example.int' });
    store.end(b);
    expect(store.get(b)).toBeUndefined();
    now += 60_000;
    expect(store.get(a)).toBeUndefined();
    expect(store.get('made-up')).toBeUndefined();
  });

  it('records name and e-mail as the actor', () => {
    expect(actorOf({ role: 'manager', name: 'A', email: 'a@example.int' })).toBe(
      'A <a@example.int>',
    );
    expect(actorOf({ role: 'manager', name: 'A' })).toBe('A');
  });
});
