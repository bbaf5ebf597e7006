/**
 * The public pages, in a chunk of their own (with their words): loaded when a visitor opens one,
 * so the live page's bundle does not carry them and they do not carry the organizer console.
 */
import { match } from '../lib/router';
import './public.css';
import { ProgramPage } from './program.page';
import { ProgramsPage } from './programs.page';
import { SchedulePage } from './schedule.page';
import { SessionPage } from './session.page';

export default function PublicRoutes({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if ((m = match('/programs/:id', path))) return <ProgramPage id={m.id} />;
  if ((m = match('/sessions/:id', path))) return <SessionPage id={m.id} />;
  if (path === '/schedule') return <SchedulePage />;
  return <ProgramsPage />;
}
