import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BbbProvider } from './bbb/bbb.provider';
import { JanusProvider } from './janus/janus.provider';
import { LinkProvider } from './link.provider';
import { ROOMS_OPTIONS, RoomsOptions } from './rooms.tokens';
import { chooseProvider, ProviderChoice } from './provider-choice.policy';
import type { VideoProvider, VideoProviderKind } from './video-provider';

/** The providers this install runs, built once from its configuration. */
@Injectable()
export class VideoProviders {
  readonly janus: JanusProvider | null;
  readonly bbb: BbbProvider | null;
  readonly link: LinkProvider;

  constructor(
    ds: DataSource,
    @Inject(ROOMS_OPTIONS) readonly options: RoomsOptions,
  ) {
    this.janus = options.janus?.nodes.length ? new JanusProvider(options.janus) : null;
    this.bbb = options.bbb ? new BbbProvider(options.bbb, options.publicBaseUrl) : null;
    this.link = new LinkProvider(async (sessionId) => {
      const [row] = await ds.query(`SELECT join_url FROM sessions WHERE id = $1`, [sessionId]);
      return row?.join_url ?? null;
    });
  }

  available(): VideoProviderKind[] {
    return [
      ...(this.janus ? (['builtin'] as const) : []),
      ...(this.bbb ? (['bigbluebutton'] as const) : []),
      'link',
    ];
  }

  /** The provider that runs a session here, from what its session and program set (null: not set). */
  choose(set: { session: VideoProviderKind | null; program: VideoProviderKind | null }): ProviderChoice {
    return chooseProvider({ ...set, fallback: this.options.defaultProvider, available: this.available() });
  }

  get(kind: VideoProviderKind): VideoProvider {
    const p = kind === 'builtin' ? this.janus : kind === 'bigbluebutton' ? this.bbb : this.link;
    if (!p) throw new Error(`video provider ${kind} is not configured`);
    return p;
  }
}
