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

describe('MANDATE_REPLY_ADDRESS', () => {
  const imap = {
    MANDATE_IMAP_HOST: 'imap.example.org',
    MANDATE_IMAP_USER: 'replies',
    MANDATE_IMAP_PASSWORD: 'x',
  };
  it('is off unless set, and read through the mailbox', () => {
    expect(loadConfig(imap).replyAddress).toBeUndefined();
    expect(
      loadConfig({ ...imap, MANDATE_REPLY_ADDRESS: ' hand-in@replies.example.org ' }).replyAddress,
    ).toBe('hand-in@replies.example.org');
  });

  it('refuses an address it cannot put a token in, and one no mailbox reads', () => {
    expect(() =>
      loadConfig({ ...imap, MANDATE_REPLY_ADDRESS: 'Hand in <hand-in@replies.example.org>' }),
    ).toThrow(
      /MANDATE_REPLY_ADDRESS: "Hand in <hand-in@replies.example.org>" is not a plain address/,
    );
    expect(() =>
      loadConfig({ ...imap, MANDATE_REPLY_ADDRESS: 'hand-in+x@replies.example.org' }),
    ).toThrow(/no \+/);
    expect(() => loadConfig({ MANDATE_REPLY_ADDRESS: 'hand-in@replies.example.org' })).toThrow(
      new ConfigError(
        'MANDATE_REPLY_ADDRESS: needs the mailbox it arrives in (set MANDATE_IMAP_HOST and the other MANDATE_IMAP_ settings)',
      ),
    );
  });
});
