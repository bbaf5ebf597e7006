import type { VideoProviderKind } from './video-provider';

export interface ProviderChoiceFacts {
  /** Set on the session, else null. */
  session: VideoProviderKind | null;
  /** Set on the program, else null. */
  program: VideoProviderKind | null;
  /** The install's default (VIDEO_DEFAULT_PROVIDER). */
  fallback: VideoProviderKind;
  /** Providers this install can run now (builtin needs Janus nodes, bigbluebutton a server). */
  available: readonly VideoProviderKind[];
}

export interface ProviderChoice {
  provider: VideoProviderKind;
  /** Chosen, but not available here: the session runs as `link` and says why. */
  fellBackFrom: VideoProviderKind | null;
}

/**
 * Which provider runs a session's room: the session's own choice, else its program's, else the
 * install's default. A choice this install cannot run (no Janus configured, no BigBlueButton
 * secret) falls back to `link`, the external URL of before, so a session never loses its video
 * because a media server is missing.
 */
export function chooseProvider(f: ProviderChoiceFacts): ProviderChoice {
  const wanted = f.session ?? f.program ?? f.fallback;
  if (wanted === 'link' || f.available.includes(wanted)) return { provider: wanted, fellBackFrom: null };
  return { provider: 'link', fellBackFrom: wanted };
}
