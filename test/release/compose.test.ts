/**
 * docker-compose publishes the API's port alone: Temporal's frontend, its UI
 * and the mail catcher (which holds every signed hand-in link) have no
 * authentication of their own and stay on the compose network; the debug
 * override binds them to 127.0.0.1 only. The API listens on all addresses
 * inside its container only because compose tells it to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
interface Service {
  ports?: string[];
  environment?: Record<string, string>;
}
const read = (file: string) =>
  (parse(readFileSync(join(root, file), 'utf8')) as { services: Record<string, Service> }).services;

describe('docker-compose', () => {
  it('publishes only the API port', () => {
    const services = read('docker-compose.yml');
    const published = Object.entries(services)
      .filter(([, s]) => s.ports?.length)
      .map(([name, s]) => [name, s.ports]);
    expect(published).toEqual([['api', ['8080:8080']]]);
    expect(services.api!.environment!.MANDATE_HTTP_HOST).toBe('0.0.0.0');
  });

  it('the debug override binds the internal services to loopback only', () => {
    const services = read('docker-compose.debug.yml');
    for (const [name, s] of Object.entries(services))
      for (const port of s.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
    expect(Object.keys(services).sort()).toEqual(['mailcatcher', 'temporal', 'temporal-ui']);
  });
});
