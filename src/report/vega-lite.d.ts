/**
 * The one function of vega-lite we call. Its own types sit behind an
 * `exports` map that this project's `moduleResolution: node` cannot follow
 * (and tsconfig `paths` would also redirect tsx at run time), so they are
 * declared here.
 */
declare module 'vega-lite' {
  import type { Spec } from 'vega';

  /** Compiles a Vega-Lite specification into a Vega specification. */
  export function compile(spec: object): { spec: Spec };
}
