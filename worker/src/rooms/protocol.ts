/**
 * The LiveRoom wire protocol, shared as types by the API worker, the web app and partner clients.
 * Server → client messages are JSON; every event carries a per-room sequence number so a client can tell
 * it missed something (and refetch) after a reconnect.
 */
import { z } from 'zod';

/**
 * The rooms anyone may join besides `fixture:<id>`: `fixtures` (fixture status and score changes, and a heartbeat),
 * `soccer` and `nfl` (that sport's price changes; soccer also its model's 1X2 moves).
 */
export const PUBLIC_ROOMS = ['fixtures', 'soccer', 'nfl'] as const;
/** The prefix of a user's private room, `user:<user id>` (portfolio events of that user). */
export const USER_ROOM_PREFIX = 'user:';
const USER_ROOM = /^user:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * A room name: one of PUBLIC_ROOMS, `fixture:<id>` (one fixture, an id of 1–10 digits) — both open to anyone — or
 * `user:<user id>` (a lower-case UUID), private to that user: its upgrade needs that user's session or an API key of
 * that user holding `read:live` (rooms/access.ts). `/rooms/:room` answers NOT_FOUND for anything else.
 */
export const roomNameSchema = z.union([
  z.enum(PUBLIC_ROOMS),
  z.string().regex(/^fixture:\d{1,10}$/, 'room must be fixtures, soccer, nfl, fixture:<id> or user:<id>'),
  z.string().regex(USER_ROOM, 'room must be fixtures, soccer, nfl, fixture:<id> or user:<id>'),
]);
export type RoomName = z.infer<typeof roomNameSchema>;

/** The private room of user `userId` (a UUID, as users.id). */
export const userRoom = (userId: string): RoomName => `${USER_ROOM_PREFIX}${userId.toLowerCase()}`;

/** The user a private room belongs to, or null for a public room. */
export function roomOwner(room: RoomName): string | null {
  return USER_ROOM.exec(room)?.[1] ?? null;
}

/** The fixture a `fixture:<id>` room follows, or null for any other room. */
export function roomFixture(room: RoomName): number | null {
  return room.startsWith('fixture:') ? Number(room.slice('fixture:'.length)) : null;
}

/**
 * An event a room fans out, by `kind`: `odds` (a book's decimal price, above 1, for a fixture's market, selection and
 * line; for player props also the player id and prop key), `prediction` (a model probability, 0–1; for a prop or a line
 * also the line, player and prop), `fixture` (status and score), `heartbeat` (an ISO timestamp), and in a user's
 * private room `closing` (a bet's closing line captured) and `settled` (a bet settled or re-settled). Checked on
 * publish: the HTTP route answers BAD_REQUEST, the room drops a malformed event.
 */
export const roomEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('odds'),
    fixtureId: z.number().int(),
    market: z.string(),
    selection: z.string(),
    line: z.number().nullable(),
    bookmaker: z.string(),
    price: z.number().gt(1),
    /** Player props: the player (players.id) and the prop key (e.g. `receptions`). */
    playerId: z.number().int().nullable().optional(),
    prop: z.string().nullable().optional(),
  }),
  z.object({
    kind: z.literal('prediction'),
    fixtureId: z.number().int(),
    market: z.string(),
    selection: z.string(),
    probability: z.number().min(0).max(1),
    /** Player props and lines: the line priced, the player (players.id) and the prop key — as on `odds`. */
    line: z.number().nullable().optional(),
    playerId: z.number().int().nullable().optional(),
    prop: z.string().nullable().optional(),
  }),
  z.object({
    kind: z.literal('fixture'),
    fixtureId: z.number().int(),
    status: z.string(),
    homeScore: z.number().int().nullable(),
    awayScore: z.number().int().nullable(),
  }),
  z.object({ kind: z.literal('heartbeat'), at: z.string() }),
  /** Private (`user:<id>`): a pending bet's closing line was captured at kick-off — price, margin-free probability, CLV. */
  z.object({
    kind: z.literal('closing'),
    betId: z.uuid(),
    portfolioId: z.uuid(),
    fixtureId: z.number().int(),
    closingPrice: z.number().gt(1),
    /** Whose closing quote: own_book, sharpest or consensus. */
    source: z.string(),
    fairProbability: z.number().gt(0).max(1),
    clv: z.number(),
  }),
  /** Private (`user:<id>`): a bet was settled (or re-settled after a corrected result); P&L in the portfolio's currency units. */
  z.object({
    kind: z.literal('settled'),
    betId: z.uuid(),
    portfolioId: z.uuid(),
    fixtureId: z.number().int(),
    result: z.string(),
    pnl: z.number(),
    currency: z.string(),
    resettled: z.boolean(),
    sequence: z.number().int().min(1),
  }),
]);
export type RoomEvent = z.infer<typeof roomEventSchema>;

/**
 * What a room sends. `welcome` first, with the room's current sequence number (the seq of its last event, 0 before
 * any). Then, for an upgrade with `?since=<seq>`, every missed `event` (seq > since) in order — or one `resync` when
 * they cannot be replayed (older than the replay buffer, or since > seq): refetch, then count from its `seq`. Then the
 * live events, each with the next sequence number: a client keeps the last seq it saw, drops seq ≤ it (duplicates)
 * and treats a jump as a gap. `pong` answers a ping (no timestamp: the runtime answers it without waking the room);
 * `error` an unknown message.
 */
export type ServerMessage =
  | { type: 'welcome'; room: string; seq: number; connections: number }
  | { type: 'event'; room: string; seq: number; event: RoomEvent }
  | { type: 'resync'; room: string; seq: number }
  | { type: 'pong' }
  | { type: 'error'; message: string };

/**
 * The ping a client sends to keep its socket warm, byte for byte: exactly this text is answered with PONG by the
 * runtime itself (setWebSocketAutoResponse), so a hibernated room is not woken (and billed) for it. A ping spelled
 * differently (spaces, more keys) still gets a pong, from the room.
 */
export const PING = '{"type":"ping"}';
/** The runtime's answer to PING. */
export const PONG = '{"type":"pong"}';

/** The largest message a client may send, in bytes (a ping is 15): bigger closes the socket with 1009. */
export const MAX_CLIENT_MESSAGE_BYTES = 1024;

/** What a client may send: only `{"type":"ping"}` (answered with a pong); anything else gets an error message. */
export const clientMessageSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('ping') })]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/**
 * The `since` query parameter of an upgrade: the last sequence number the client saw, a non-negative integer in
 * decimal digits (no sign, exponent or spaces). Anything else is a 400 at the upgrade.
 */
export const sinceSchema = z
  .string()
  .regex(/^\d{1,15}$/, 'since must be a non-negative integer (the last seq you saw)')
  .transform(Number);
