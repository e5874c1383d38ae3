import { describe, expect, it } from 'vitest';
import type { RoomEvent, ServerMessage } from '@fairline/worker/rooms/protocol';
import { SeqTracker } from '../src/lib/live-seq.ts';

const room = 'fixture:7';
const welcome = (seq: number): ServerMessage => ({ type: 'welcome', room, seq, connections: 1 });
const hb = (n: number): RoomEvent => ({ kind: 'heartbeat', at: `t${n}` });
const event = (seq: number): ServerMessage => ({ type: 'event', room, seq, event: hb(seq) });

/** Feeds messages to a tracker and answers what it delivered (by seq) and how many resyncs it asked for. */
function feed(t: SeqTracker, messages: ServerMessage[]) {
  const delivered: number[] = [];
  let resyncs = 0;
  for (const m of messages) {
    const v = t.receive(m);
    if (v.event) delivered.push(v.event.seq);
    if (v.resync) resyncs++;
  }
  return { delivered, resyncs };
}

describe('SeqTracker', () => {
  it('asks for nothing on the first connect and starts counting from the welcome', () => {
    const t = new SeqTracker();
    expect(t.connecting()).toBeNull();
    expect(feed(t, [welcome(41), event(42), event(43)])).toEqual({ delivered: [42, 43], resyncs: 0 });
    expect(t.last).toBe(43);
  });

  it('resumes from the last seq seen and passes the replay on without refetching', () => {
    const t = new SeqTracker();
    t.connecting();
    feed(t, [welcome(0), event(1), event(2)]);
    expect(t.connecting()).toBe(2);
    expect(feed(t, [welcome(5), event(3), event(4), event(5), event(6)])).toEqual({ delivered: [3, 4, 5, 6], resyncs: 0 });
  });

  it('drops duplicates (seq ≤ last), e.g. a replayed event that also arrived live', () => {
    const t = new SeqTracker();
    t.connecting();
    expect(feed(t, [welcome(0), event(1), event(2), event(2), event(1), event(3)])).toEqual({ delivered: [1, 2, 3], resyncs: 0 });
  });

  it('asks for a refetch on resync and counts on from its seq', () => {
    const t = new SeqTracker();
    t.connecting();
    feed(t, [welcome(0), event(1)]);
    expect(t.connecting()).toBe(1);
    expect(feed(t, [welcome(5000), { type: 'resync', room, seq: 5000 }, event(5001), event(5000)])).toEqual({ delivered: [5001], resyncs: 1 });
    expect(t.last).toBe(5001);
    expect(t.connecting()).toBe(5001);
  });

  it('treats a jump in seq as missed events: delivers the event and asks for a refetch', () => {
    const t = new SeqTracker();
    t.connecting();
    expect(feed(t, [welcome(0), event(1), event(4), event(5)])).toEqual({ delivered: [1, 4, 5], resyncs: 1 });
  });

  it('asks for a refetch when a welcome moved on while no since was sent, not when it did not', () => {
    // A socket opened without a since (connecting() answered null) while the page already counted events.
    const t = new SeqTracker();
    t.connecting();
    feed(t, [welcome(3)]);
    expect(feed(t, [welcome(3)])).toEqual({ delivered: [], resyncs: 0 });
    expect(feed(t, [welcome(9)])).toEqual({ delivered: [], resyncs: 1 });
    expect(t.last).toBe(9);
  });
});
