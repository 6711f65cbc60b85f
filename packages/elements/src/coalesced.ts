/**
 * Runs an async read so that calls during a run cause exactly one more run
 * after it, not one each: a burst of live changes costs two reads, and the
 * last read always sees the last change.
 */
export class Coalesced {
  #running: Promise<void> | undefined;
  #again = false;

  constructor(private readonly read: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const loop = async () => {
      do {
        this.#again = false;
        await this.read();
      } while (this.#again);
    };
    return (this.#running = loop().finally(() => {
      this.#running = undefined;
    }));
  }
}
