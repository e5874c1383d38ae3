import { A, Router, useLocation } from '@solidjs/router';
import { FileRoutes } from '@solidjs/start/router';
import { createEffect, createSignal, ErrorBoundary, on, Suspense, type ParentProps } from 'solid-js';
import { AccountMenu } from './components/account-menu.tsx';
import { AppError } from './components/app-error.tsx';
import { LiveIndicator } from './components/live-indicator.tsx';
import { OddsFormatToggle } from './components/odds-format-toggle.tsx';
import { SkeletonCard } from './components/skeleton.tsx';
import './app.css';

/** The main sections, in nav order. */
const SECTIONS: Array<{ href: string; label: string; end?: boolean }> = [
  { href: '/fixtures', label: 'Fixtures', end: false },
  { href: '/value', label: 'Value' },
  { href: '/props', label: 'Props' },
  { href: '/portfolios', label: 'Portfolios', end: false },
  { href: '/track-record', label: 'Track record' },
  { href: '/models', label: 'Models' },
  { href: '/status', label: 'API status' },
];

/**
 * The nav: the sections inline from `lg` up; below it one "Menu" button (a disclosure: aria-expanded,
 * aria-controls) opens them as a list under the bar, so a phone never scrolls the bar sideways or cuts a link off.
 * The links exist once (CSS decides where they show), so tests and screen readers never meet two copies.
 */
function MainNav() {
  const [open, setOpen] = createSignal(false);
  const location = useLocation();
  // Following a link (or the back button) closes the menu. Only a new page does: a page rewriting its own query
  // (filters written back to the URL once loaded) must not shut a menu the reader just opened.
  createEffect(on(() => location.pathname, () => setOpen(false), { defer: true }));
  let button!: HTMLButtonElement;
  const link = 'block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium hover:bg-brand-dark focus-visible:outline-2 focus-visible:outline-white';
  return (
    <nav
      class="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-3"
      aria-label="Main"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open()) {
          setOpen(false);
          button.focus();
        }
      }}
    >
      <A href="/" class="mr-2 rounded-md text-lg font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-white lg:mr-4">Fairline</A>
      <ul
        id="main-menu"
        class={`order-last w-full flex-col gap-0.5 border-t border-white/15 pt-2 lg:order-none lg:flex lg:w-auto lg:flex-row lg:gap-1 lg:border-0 lg:pt-0 ${open() ? 'flex' : 'hidden'}`}
        data-testid="main-menu"
      >
        {SECTIONS.map((s) => (
          <li>
            <A href={s.href} class={link} activeClass="bg-brand-dark" end={s.end ?? true}>{s.label}</A>
          </li>
        ))}
        {/* On a phone the odds-format switch lives here (the bar shows it from sm up). */}
        <li class="px-3 py-2 sm:hidden">
          <OddsFormatToggle testid="menu-odds-format-toggle" />
        </li>
      </ul>
      <div class="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
        <LiveIndicator room="fixtures" />
        {/* Who is signed in is asked of the API: if that fails, the nav offers Sign in instead of taking the page down. */}
        <ErrorBoundary fallback={<A href="/signin" class="rounded-md px-3 py-2 text-sm font-medium hover:bg-brand-dark" data-testid="nav-signin">Sign in</A>}>
          <Suspense fallback={<span class="w-24" />}>
            <AccountMenu />
          </Suspense>
        </ErrorBoundary>
        <button
          ref={button}
          type="button"
          class="inline-flex shrink-0 items-center gap-1.5 rounded-md px-2.5 py-2 text-sm font-medium hover:bg-brand-dark focus-visible:outline-2 focus-visible:outline-white lg:hidden"
          aria-expanded={open()}
          aria-controls="main-menu"
          data-testid="menu-button"
          onClick={() => setOpen(!open())}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" class="h-5 w-5" fill="currentColor">
            {open()
              ? <path d="M5.3 4.3a1 1 0 0 0-1.4 1.4L8.6 10l-4.7 4.3a1 1 0 1 0 1.4 1.4l4.7-4.3 4.7 4.3a1 1 0 0 0 1.4-1.4L11.4 10l4.7-4.3a1 1 0 0 0-1.4-1.4L10 8.6 5.3 4.3Z" />
              : <path d="M3 5h14a1 1 0 1 0 0-2H3a1 1 0 0 0 0 2Zm14 4H3a1 1 0 0 0 0 2h14a1 1 0 1 0 0-2Zm0 6H3a1 1 0 1 0 0 2h14a1 1 0 1 0 0-2Z" />}
          </svg>
          <span class="sr-only sm:not-sr-only">Menu</span>
        </button>
      </div>
    </nav>
  );
}

function Layout(props: ParentProps) {
  return (
    <div class="min-h-screen">
      <header class="bg-brand text-white">
        <MainNav />
      </header>
      <main class="mx-auto max-w-6xl px-4 py-6">
        {/* One boundary for the whole app: a page that throws shows a sentence and a way on, never a blank page. */}
        <ErrorBoundary fallback={(error, reset) => <AppError error={error} reset={reset} />}>
          <Suspense fallback={<SkeletonCard lines={4} />}>{props.children}</Suspense>
        </ErrorBoundary>
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
