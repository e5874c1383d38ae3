// @refresh reload
import { createHandler, StartServer } from '@solidjs/start/server';

// The nonce the middleware (src/middleware.ts) made for this response's CSP goes on every script SolidStart renders.
export default createHandler(
  () => (
    <StartServer
      document={({ assets, children, scripts }) => (
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Fairline</title>
            {/* No favicon yet: an empty one spares every page a 404 in the console. */}
            <link rel="icon" href="data:," />
            {assets}
          </head>
          <body class="bg-slate-50 text-slate-900 antialiased">
            <div id="app">{children}</div>
            {scripts}
          </body>
        </html>
      )}
    />
  ),
  (event) => ({ nonce: event.locals.nonce }),
);
