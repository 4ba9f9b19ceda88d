/** MANDATE_PUBLIC_RESOLUTIONS: no public page unless the secretariat names the resolutions. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';

describe('public resolution pages configuration', () => {
  it('publishes none by default, and the ids named', () => {
    expect(loadConfig({}, '/srv').publicResolutions).toEqual([]);
    expect(
      loadConfig({ MANDATE_PUBLIC_RESOLUTIONS: ' itu-council-1332, ga-80-999 ,' }, '/srv')
        .publicResolutions,
    ).toEqual(['itu-council-1332', 'ga-80-999']);
  });

  it('names an id that is not one', () => {
    expect(() =>
      loadConfig({ MANDATE_PUBLIC_RESOLUTIONS: 'itu-council-1332,Bad Id' }, '/srv'),
    ).toThrow(
      new ConfigError(
        'MANDATE_PUBLIC_RESOLUTIONS: "Bad Id" is not a resolution id ([a-z0-9][a-z0-9-]*)',
      ),
    );
  });
});
