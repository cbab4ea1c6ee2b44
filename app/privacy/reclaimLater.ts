// PostgreSQL's reclaim after erasures, on a timer instead of after every batch. A VACUUM of the
// erasure tables costs time in proportion to the tables, not to the erasure (13 ms at 10 k rows,
// 123 ms at 1 M in docs/benchmarks-backlog.md), so run after each batch it made a drain's cost
// grow with the shop. The erased rows are gone from every query at commit; what VACUUM frees is
// their dead tuples' space. So the tables an erasure touched are remembered and vacuumed together
// at most once per interval, the first time `intervalMs` after the erasure that needed it. SQLite
// is not deferred: its truncating checkpoint is cheap and bounded by the batch's own pages.
import type { Db } from "../db.factory";

export const RECLAIM_INTERVAL_MS = 30_000;

type Vacuum = (db: Db, tables: string[]) => Promise<void>;

export class ReclaimLater {
  private readonly tables = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private db: Db | null = null;
  /** Told of a VACUUM that failed (the app logs it); its tables are tried again at the next run. */
  onError: (error: unknown) => void = () => {};

  constructor(
    private readonly vacuum: Vacuum,
    private readonly intervalMs = RECLAIM_INTERVAL_MS,
  ) {}

  /** Remembers tables to vacuum; the next run is at most `intervalMs` away. */
  schedule(db: Db, tables: Iterable<string>): void {
    this.db = db;
    for (const table of tables) this.tables.add(table);
    if (this.timer || this.running || this.tables.size === 0) return;
    this.timer = setTimeout(() => void this.run(), this.intervalMs);
    // Never the reason a process stays alive; stop() runs what is pending.
    this.timer.unref?.();
  }

  /** Whether tables are waiting for their VACUUM. */
  get pending(): boolean {
    return this.tables.size > 0;
  }

  /** Runs what is pending now (the background work stopping), and waits for a run under way. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.run();
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (!this.db || this.tables.size === 0) return;
    const tables = [...this.tables];
    this.tables.clear();
    this.running = this.vacuum(this.db, tables).catch((error) => {
      // Tried again with the next run (or by autovacuum); the erasure itself is committed.
      for (const table of tables) this.tables.add(table);
      this.onError(error);
    });
    await this.running;
    this.running = null;
    if (this.tables.size && this.db) this.schedule(this.db, []);
  }
}
