/** Serving the HTTP application with Node's HTTP server. */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from './app';
import type { HttpDependencies } from './deps';

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(
  deps: HttpDependencies,
  port: number,
  hostname = '127.0.0.1',
): Promise<HttpServer> {
  const app = createHttpApp(deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname }, () => resolve(s));
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${actual}`,
    port: actual,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
