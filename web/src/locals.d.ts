// What the web app's middleware (src/middleware.ts) puts on a request event's `locals`.
declare namespace App {
  interface RequestEventLocals {
    /** This response's CSP nonce (server/security-headers.ts), put on every script the page renders. */
    nonce?: string;
  }
}
