/** Connections to Temporal from configuration, for clients and workers. */
import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { TemporalConfig } from '../config/config';

function tlsOptions(config: TemporalConfig): ConnectionOptions['tls'] {
  if (!config.tls) return undefined;
  const { caPath, certPath, keyPath, serverName } = config.tls;
  return {
    ...(serverName ? { serverNameOverride: serverName } : {}),
    ...(caPath ? { serverRootCACertificate: readFileSync(caPath) } : {}),
    ...(certPath && keyPath
      ? { clientCertPair: { crt: readFileSync(certPath), key: readFileSync(keyPath) } }
      : {}),
  };
}

function common(config: TemporalConfig, address: string) {
  const tls = tlsOptions(config);
  return { address, ...(tls ? { tls } : {}), ...(config.apiKey ? { apiKey: config.apiKey } : {}) };
}

export async function connectClient(
  config: TemporalConfig,
  address = config.address ?? 'localhost:7233',
): Promise<Client> {
  const connection = await Connection.connect(common(config, address) as ConnectionOptions);
  return new Client({ connection, namespace: config.namespace });
}

/** A client whose connection opens on first use: for servers that are still starting. */
export function lazyClient(
  config: TemporalConfig,
  address = config.address ?? 'localhost:7233',
): Client {
  const connection = Connection.lazy(common(config, address) as ConnectionOptions);
  return new Client({ connection, namespace: config.namespace });
}

export function connectWorker(
  config: TemporalConfig,
  address = config.address ?? 'localhost:7233',
): Promise<NativeConnection> {
  return NativeConnection.connect(common(config, address) as NativeConnectionOptions);
}
