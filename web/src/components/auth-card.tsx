import { A } from '@solidjs/router';
import type { ParentProps } from 'solid-js';

/** The frame of the sign-in and sign-up pages: a centred card with a title, a line under it and the form. */
export function AuthCard(props: ParentProps<{ title: string; subtitle: string; footer: { text: string; link: string; href: string } }>) {
  return (
    <section class="mx-auto w-full max-w-md py-4 sm:py-10">
      <div class="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
        <h1 class="text-2xl font-semibold">{props.title}</h1>
        <p class="mt-1 text-sm text-slate-600">{props.subtitle}</p>
        <div class="mt-6">{props.children}</div>
      </div>
      <p class="mt-4 text-center text-sm text-slate-600">
        {props.footer.text}{' '}
        <A href={props.footer.href} class="font-medium text-brand hover:underline">
          {props.footer.link}
        </A>
      </p>
    </section>
  );
}
