/**
 * The sequence bookkeeping of one live room, kept apart from the socket so it can be tested on its own: which seq to
 * resume from, which events to pass on, and when the page must refetch because it cannot know what it missed.
 *
 * The room numbers its events 1, 2, 3 … (worker/src/rooms/protocol.ts ServerMessage). A reconnect asks for
 * `?since=<last seq seen>` and gets the missed events replayed, or a `resync` when the room no longer has them.
 */
import type { RoomEvent, ServerMessage } from '@fairline/worker/rooms/protocol';

/** What to do with one server message: pass `event` on (when set) and/or refetch (`resync`). */
export interface SeqVerdict {
  event: { event: RoomEvent; seq: number } | null;
  resync: boolean;
}

const NOTHING: SeqVerdict = { event: null, resync: false };

/**
 * One room's seq tracker (see the file comment). `connecting()` is called as a socket opens and answers the `since`
 * to ask for; `receive(msg)` judges each message.
 */
export class SeqTracker {
  /** The seq of the last event delivered (or caught up to by a welcome or resync); null before the first welcome. */
  last: number | null = null;
  #askedSince: number | null = null;

  /** A socket is opening: the `since` to send (null on the first connect, when there is nothing to resume). */
  connecting(): number | null {
    this.#askedSince = this.last;
    return this.last;
  }

  /** Judges one message from the room (see SeqVerdict). */
  receive(msg: ServerMessage): SeqVerdict {
    switch (msg.type) {
      case 'welcome':
        if (this.#askedSince !== null) return NOTHING; // the replay (or a resync) follows
        if (this.last === null) {
          this.last = msg.seq; // first connect: the page's data is fetched fresh, nothing missed
          return NOTHING;
        }
        // Reconnected without being able to ask for what was missed: any change in seq means missed events.
        if (msg.seq === this.last) return NOTHING;
        this.last = msg.seq;
        return { event: null, resync: true };
      case 'resync':
        this.last = msg.seq;
        return { event: null, resync: true };
      case 'event': {
        if (this.last !== null && msg.seq <= this.last) return NOTHING; // a duplicate
        const gap = this.last !== null && msg.seq > this.last + 1;
        this.last = msg.seq;
        return { event: { event: msg.event, seq: msg.seq }, resync: gap };
      }
      default:
        return NOTHING;
    }
  }
}
