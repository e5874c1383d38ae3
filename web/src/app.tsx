import { A, Router } from '@solidjs/router';
import { FileRoutes } from '@solidjs/start/router';
import { Suspense, type ParentProps } from 'solid-js';
import { AccountMenu } from './components/account-menu.tsx';
import { LiveIndicator } from './components/live-indicator.tsx';
import './app.css';

function Layout(props: ParentProps) {
  const link = 'px-3 py-2 rounded-md text-sm font-medium hover:bg-white/10';
  return (
    <div class="min-h-screen">
      <header class="bg-brand text-white">
        <nav class="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-3" aria-label="Main">
          <A href="/" class="mr-2 text-lg font-semibold tracking-tight sm:mr-4">Fairline</A>
          <div class="order-3 flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto">
            <A href="/fixtures" class={link} activeClass="bg-white/15" end={false}>Fixtures</A>
            <A href="/value" class={link} activeClass="bg-white/15">Value</A>
            <A href="/portfolios" class={link} activeClass="bg-white/15" end={false}>Portfolios</A>
            <A href="/track-record" class={`${link} whitespace-nowrap`} activeClass="bg-white/15">Track record</A>
            <A href="/status" class={`${link} whitespace-nowrap`} activeClass="bg-white/15">API status</A>
          </div>
          <div class="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
            <LiveIndicator room="fixtures" />
            <Suspense fallback={<span class="w-24" />}>
              <AccountMenu />
            </Suspense>
          </div>
        </nav>
      </header>
      <main class="mx-auto max-w-6xl px-4 py-6">
        <Suspense fallback={<p class="text-slate-500">Loading…</p>}>{props.children}</Suspense>
      </main>
    </div>
  );
}

export default function App() {
  return (
    <Router root={Layout}>
      <FileRoutes />
    </Router>
  );
}
