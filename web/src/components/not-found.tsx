import { A } from '@solidjs/router';
import { HttpStatusCode } from '@solidjs/start';

/**
 * The 404 page: answers status 404 when rendered on the server (HttpStatusCode), for unknown paths and for a
 * fixture or player id that does not exist or cannot be one.
 */
export function NotFound(props: { what?: string }) {
  return (
    <section class="mx-auto max-w-md space-y-3 py-12 text-center" data-testid="not-found">
      <HttpStatusCode code={404} />
      <p class="text-sm font-medium text-slate-500">404</p>
      <h1 class="text-2xl font-semibold">{props.what ?? 'Page'} not found</h1>
      <p class="text-slate-600">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <p class="flex justify-center gap-4 text-sm">
        <A href="/" class="text-brand hover:underline">Home</A>
        <A href="/fixtures" class="text-brand hover:underline">Fixtures</A>
      </p>
    </section>
  );
}
