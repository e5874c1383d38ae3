/**
 * A room's replay buffer: its recent event messages in the Durable Object's own SQLite storage, so a client that
 * reconnects with `?since=<seq>` gets exactly what it missed. Every call is synchronous (the SQL API), which is what
 * makes resume gap-free: the room replays in the same turn as it accepts the socket, so no publish can slip in between.
 *
 * Kept: at least the last KEEP_EVENTS events OR the last KEEP_MS of them, whichever is more (a row goes only when it
 * is beyond both bounds), and never more than MAX_ROWS (a runaway publisher cannot grow storage without bound).
 * Pruning runs once every PRUNE_EVERY sequence numbers and reads only the rows it deletes (plus one).
 */

/** Events always kept, however old. */
export const KEEP_EVENTS = 1_000;
/** Events younger than this are kept, however many (up to MAX_ROWS). */
export const KEEP_MS = 24 * 60 * 60 * 1000;
/** The hard ceiling on kept rows. */
export const MAX_ROWS = 100_000;
/** Pruning runs when a batch crosses a multiple of this sequence number. */
export const PRUNE_EVERY = 100;
/**
 * The most events one reconnect is replayed; a client further behind gets `resync` (refetching is cheaper for it
 * than thousands of events, and a client cannot make the room read and send its whole buffer again and again).
 */
export const MAX_REPLAY = 10_000;

/** What a reconnecting client gets: the missed messages in order, or `resync` when they are not all kept. */
export type Replay = { kind: 'replay'; messages: string[] } | { kind: 'resync' };

/**
 * The replay buffer over a Durable Object's `ctx.storage` (see the file comment). The current sequence number lives
 * in memory, restored on wake from the newest row (or from the key-value `seq` older rooms kept before the buffer
 * existed), so a publish does not read storage.
 */
export class ReplayBuffer {
  #seq: number;

  constructor(private readonly storage: DurableObjectStorage) {
    storage.sql.exec('CREATE TABLE IF NOT EXISTS room_events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, message TEXT NOT NULL)');
    const newest = storage.sql.exec<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM room_events').one().seq ?? 0;
    const legacy = storage.kv.get<number>('seq') ?? 0;
    this.#seq = Math.max(newest, legacy);
  }

  /** The seq of the room's last event (0 before any). */
  get seq(): number {
    return this.#seq;
  }

  /**
   * Stores a batch of events, numbering them from seq + 1, in one transaction; `render(seq, index)` builds the
   * index-th event's wire message (stringified once: the same text is stored and sent). Answers the messages in order.
   */
  append(count: number, render: (seq: number, index: number) => string, now: number): string[] {
    if (count === 0) return [];
    const first = this.#seq + 1;
    const messages: string[] = [];
    this.storage.transactionSync(() => {
      for (let k = 0; k < count; k++) {
        const message = render(first + k, k);
        this.storage.sql.exec('INSERT INTO room_events (seq, at, message) VALUES (?, ?, ?)', first + k, now, message);
        messages.push(message);
      }
      const last = first + count - 1;
      if (Math.floor((first - 1) / PRUNE_EVERY) !== Math.floor(last / PRUNE_EVERY)) this.#prune(last, now);
    });
    this.#seq = first + count - 1;
    return messages;
  }

  /**
   * What a client that saw up to `since` missed: every stored message with seq > since in order, or `resync` when
   * some of them are no longer kept (since < oldest kept − 1), there are more than MAX_REPLAY of them, or since is
   * ahead of the room (it was reset).
   */
  since(since: number): Replay {
    if (since > this.#seq || this.#seq - since > MAX_REPLAY) return { kind: 'resync' };
    if (since === this.#seq) return { kind: 'replay', messages: [] };
    const oldest = this.storage.sql.exec<{ seq: number | null }>('SELECT MIN(seq) AS seq FROM room_events').one().seq;
    if (oldest === null || since < oldest - 1) return { kind: 'resync' };
    const messages: string[] = [];
    for (const row of this.storage.sql.exec<{ message: string }>('SELECT message FROM room_events WHERE seq > ? ORDER BY seq', since)) {
      messages.push(row.message);
    }
    return { kind: 'replay', messages };
  }

  /**
   * Deletes the rows beyond both bounds (and beyond MAX_ROWS). Sequence numbers and times rise together, so the
   * first young row among those past the count bound is where deleting stops; finding it reads only older rows.
   */
  #prune(last: number, now: number) {
    const countBound = last - KEEP_EVENTS; // rows with seq <= countBound are beyond the count bound
    if (countBound < 1) return;
    const young = this.storage.sql
      .exec<{ seq: number }>('SELECT seq FROM room_events WHERE seq <= ? AND at >= ? ORDER BY seq LIMIT 1', countBound, now - KEEP_MS)
      .toArray()[0]?.seq;
    const cut = Math.max(young ?? countBound + 1, last - MAX_ROWS + 1); // delete seq < cut
    this.storage.sql.exec('DELETE FROM room_events WHERE seq < ?', cut);
  }
}
