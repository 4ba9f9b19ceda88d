/** MANDATE_DEV_SQLITE: which SQLite settings the dev server of `npm start` gets. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { sqlitePragmaFlags } from '../../src/start/dev-server';

describe('MANDATE_DEV_SQLITE', () => {
  it('is wal unless set, and takes the three settings by name', () => {
    expect(loadConfig({}, '/srv').devServer.sqlite).toBe('wal');
    expect(loadConfig({ MANDATE_DEV_SQLITE: '' }, '/srv').devServer.sqlite).toBe('wal');
    for (const value of ['wal', 'wal-full', 'rollback'])
      expect(loadConfig({ MANDATE_DEV_SQLITE: value }, '/srv').devServer.sqlite).toBe(value);
  });

  it('refuses anything else, naming the variable and the choices', () => {
    expect(() => loadConfig({ MANDATE_DEV_SQLITE: 'WAL' }, '/srv')).toThrow(ConfigError);
    expect(() => loadConfig({ MANDATE_DEV_SQLITE: 'fast' }, '/srv')).toThrow(
      'MANDATE_DEV_SQLITE: "fast" is not one of wal, wal-full, rollback',
    );
  });

  it('becomes the dev server pragmas: none for rollback, SQLite keeps its defaults', () => {
    expect(sqlitePragmaFlags('wal')).toEqual([
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
    ]);
    expect(sqlitePragmaFlags('wal-full')).toEqual([
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=full',
    ]);
    expect(sqlitePragmaFlags('rollback')).toEqual([]);
  });
});
