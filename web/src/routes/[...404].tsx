import { NotFound } from '../components/not-found.tsx';

/** Every path no other route matches (`/nope`, `/fixtures/103/extra`): the 404 page, status 404. */
export default function CatchAll() {
  return <NotFound />;
}
