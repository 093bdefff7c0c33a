/**
 * Work that waits its turn: at most `limit` jobs run at once, the others start in the order they
 * came. A waiting job can be taken back; a running one is the runner's to stop (its signal).
 */
export class JobQueue<J> {
  private readonly waiting: J[] = [];
  private readonly running = new Set<J>();
  private open = false;

  constructor(
    private readonly limit: number,
    private readonly run: (job: J) => Promise<void>,
    private readonly onStart: (job: J) => void,
    private readonly onEnd: (job: J) => void,
  ) {}

  /** Jobs start only once the queue is opened (the engine is up). */
  start() {
    this.open = true;
    this.pump();
  }

  add(job: J) {
    this.waiting.push(job);
    this.pump();
  }

  /** Takes a waiting job back; false when it already runs (or ran). */
  remove(job: J): boolean {
    const at = this.waiting.indexOf(job);
    if (at === -1) return false;
    this.waiting.splice(at, 1);
    return true;
  }

  /** Waiting and running jobs. */
  get jobs(): J[] {
    return [...this.running, ...this.waiting];
  }

  /** The jobs running now, but `job`. */
  others(job: J): J[] {
    return [...this.running].filter((j) => j !== job);
  }

  private pump() {
    while (this.open && this.running.size < this.limit && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running.add(job);
      this.onStart(job);
      void this.run(job).finally(() => {
        this.running.delete(job);
        this.onEnd(job);
        this.pump();
      });
    }
  }
}
