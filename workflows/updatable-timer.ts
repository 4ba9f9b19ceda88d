/**
 * A durable sleep that any update can cut short, as in Temporal's
 * "updatable timer" samples: the loop sleeps until its next instant, and a
 * change wakes it to plan again.
 */
import * as wf from '@temporalio/workflow';

export class UpdatableTimer {
  #woken = false;

  /** True when something woke the timer since the last `reset`. */
  get woken(): boolean {
    return this.#woken;
  }

  reset(): void {
    this.#woken = false;
  }

  wake(): void {
    this.#woken = true;
  }

  /**
   * Sleeps until `target` (epoch ms; Infinity: until woken). Resolves true
   * when woken first, false when the instant came. An instant already past
   * starts no timer.
   */
  async sleepUntil(target: number): Promise<boolean> {
    if (target === Number.POSITIVE_INFINITY) {
      await wf.condition(() => this.#woken);
      return true;
    }
    const wait = target - Date.now();
    return wait > 0 && (await wf.condition(() => this.#woken, wait));
  }
}
