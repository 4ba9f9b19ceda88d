/**
 * The deliverable store as configuration sets it up: the data folder's
 * `deliverables`, with the configured size limit and accepted types. The
 * web server, the CLI and the reply reader all check files by these limits.
 */
import { join } from 'node:path';
import type { Config } from '../config/config';
import { DEFAULT_MEDIA_TYPES } from './media-types';
import { FileSystemDeliverableStore } from './store';

export function configuredStore(config: Config): FileSystemDeliverableStore {
  return new FileSystemDeliverableStore(join(config.dataDir, 'deliverables'), {
    maxBytes: config.maxUploadBytes,
    mediaTypes: config.mediaTypes ?? DEFAULT_MEDIA_TYPES,
  });
}
