// The typed tRPC client (browser): same-origin /trpc, forwarded by the web Worker to the API Worker.
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@fairline/worker/router';
import superjson from 'superjson';

export const api: TRPCClient<AppRouter> = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/trpc', transformer: superjson })],
});
