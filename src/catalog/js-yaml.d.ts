/**
 * The part of js-yaml 4 (which ships no types) that src/catalog/fast-yaml.ts
 * calls: `load` with the core schema, warnings, and the loader's parse events.
 */
declare module 'js-yaml' {
  /** The loader's state as a `listener` sees it (js-yaml's internal State). */
  export interface LoaderState {
    /** Offset in the input: where a node is looked for on 'open', just past it on 'close'. */
    position: number;
    /** On 'close': what the node was read as; null when nothing was read. */
    kind: 'scalar' | 'sequence' | 'mapping' | null;
    /** On 'close': the value read (a resolved scalar, an array, an object). */
    result: unknown;
  }

  export interface Schema {
    readonly __jsYamlSchema?: never;
  }

  /** YAML 1.2 core: null, bool, int, float and str; no timestamps, no merge keys. */
  export const CORE_SCHEMA: Schema;

  export interface LoadOptions {
    schema?: Schema;
    onWarning?: (warning: Error) => void;
    listener?: (event: 'open' | 'close', state: LoaderState) => void;
  }

  export function load(input: string, options?: LoadOptions): unknown;
}
