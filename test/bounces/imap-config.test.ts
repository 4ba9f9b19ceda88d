/** The bounce mailbox's settings, read from the environment like SMTP's. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';

describe('MANDATE_IMAP_*', () => {
  it('is off without a host', () => {
    expect(loadConfig({}).imap).toBeUndefined();
  });

  it('defaults to TLS on 993, INBOX, every 5 minutes; the password may come from a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'imap-')), 'password');
    writeFileSync(file, 'from-a-file\n');
    expect(
      loadConfig({
        MANDATE_IMAP_HOST: 'imap.example.org',
        MANDATE_IMAP_USER: 'bounces',
        MANDATE_IMAP_PASSWORD_FILE: file,
      }).imap,
    ).toEqual({
      host: 'imap.example.org',
      port: 993,
      tls: true,
      user: 'bounces',
      password: 'from-a-file',
      mailbox: 'INBOX',
      everyMinutes: 5,
    });
    expect(
      loadConfig({
        MANDATE_IMAP_HOST: 'imap.example.org',
        MANDATE_IMAP_TLS: 'false',
        MANDATE_IMAP_USER: 'bounces',
        MANDATE_IMAP_PASSWORD: 'x',
        MANDATE_IMAP_MAILBOX: 'Bounces',
        MANDATE_IMAP_EVERY_MINUTES: '15',
      }).imap,
    ).toMatchObject({ port: 143, tls: false, mailbox: 'Bounces', everyMinutes: 15 });
  });

  it('names what is missing or wrong', () => {
    const host = { MANDATE_IMAP_HOST: 'imap.example.org' };
    expect(() => loadConfig(host)).toThrow(
      new ConfigError('MANDATE_IMAP_USER: needed with MANDATE_IMAP_HOST'),
    );
    expect(() => loadConfig({ ...host, MANDATE_IMAP_USER: 'b' })).toThrow(
      /MANDATE_IMAP_PASSWORD \(or MANDATE_IMAP_PASSWORD_FILE\): needed/,
    );
    expect(() =>
      loadConfig({
        ...host,
        MANDATE_IMAP_USER: 'b',
        MANDATE_IMAP_PASSWORD: 'x',
        MANDATE_IMAP_EVERY_MINUTES: '0',
      }),
    ).toThrow(/MANDATE_IMAP_EVERY_MINUTES: 0 is not a number of minutes between 1 and 1440/);
  });
});
