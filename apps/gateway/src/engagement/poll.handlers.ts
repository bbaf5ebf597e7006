import { Injectable } from '@nestjs/common';
import type { PollAnswerResult, PollResults, PollView } from '@qatys/contracts';
import { forbidden, PollRow, PollsService, PollStep, pollView } from '@qatys/domain';
import type { Socket } from 'socket.io';
import type { LiveAck } from '../live-ack';
import { answer, failure } from '../live-errors';
import { rooms } from '../live-rooms';
import { LiveSockets } from '../live-sockets';
import { validatePayload } from '../live.request';
import { audienceOnly, emitterOf, Emitter, identity, joinedTo, mustHaveJoined } from './engagement-context';
import {
  PollAnswerRequest,
  PollCreateRequest,
  PollRefRequest,
  PollRevealRequest,
} from './engagement.request';

/** The audience sees open polls, and closed ones whose results were revealed. */
const audienceSeesPoll = (p: { status: string; revealed: boolean }) => p.status === 'open' || p.revealed;

/** poll:* — made, opened, closed and revealed by the people who run the session; answered by anyone in it. */
@Injectable()
export class PollHandlers {
  constructor(
    private readonly sockets: LiveSockets,
    private readonly polls: PollsService,
  ) {}

  async create(socket: Socket, body: unknown): Promise<LiveAck<PollView>> {
    const p = validatePayload(PollCreateRequest, 'poll:create', body);
    if (!p.ok) return p;
    const j = joinedTo(this.sockets, socket, p.value.sessionId);
    if (!j.ok) return j.reply;
    return answer(async () => {
      const row = await this.polls.create(identity(socket), j.sessionId, {
        bankItemId: p.value.bankItemId,
        poll: p.value.poll,
        open: p.value.open,
      });
      this.publish(emitterOf(socket), row, null);
      return pollView(row, true);
    });
  }

  step(step: 'open' | 'close'): (socket: Socket, body: unknown) => Promise<LiveAck<PollView>> {
    return async (socket, body) => {
      const p = validatePayload(PollRefRequest, `poll:${step}`, body);
      if (!p.ok) return p;
      return this.change(socket, p.value.pollId, step);
    };
  }

  async reveal(socket: Socket, body: unknown): Promise<LiveAck<PollView>> {
    const p = validatePayload(PollRevealRequest, 'poll:reveal', body);
    if (!p.ok) return p;
    return this.change(socket, p.value.pollId, p.value.revealed === false ? 'hide' : 'reveal');
  }

  /**
   * The hot path of a poll (thousands of answers a second across the gateways): once the poll's
   * facts are cached in this process, nothing is awaited before the one Redis script, and no
   * async wrapper is built around it; the first answer to a poll here reads its facts first.
   */
  answer(socket: Socket, body: unknown): Promise<LiveAck<PollAnswerResult>> {
    const p = certainAnswer(body) ?? validatePayload(PollAnswerRequest, 'poll:answer', body);
    if (!p.ok) return Promise.resolve(p);
    const input = p.value;
    const known = this.polls.cachedFacts(input.pollId);
    if (!known) {
      return answer(async () => {
        const poll = await this.polls.factsOf(input.pollId);
        const joined = mustHaveJoined(this.sockets, socket, poll.sessionId);
        // Its results are due once it is in Postgres: the runtime's flush marks them.
        return this.polls.answer(joined.asker, poll, input);
      });
    }
    let work: Promise<PollAnswerResult>;
    try {
      work = this.polls.answer(mustHaveJoined(this.sockets, socket, known.sessionId).asker, known, input);
    } catch (e) {
      return Promise.resolve(failure(e));
    }
    return work.then(answered, failure);
  }

  async results(socket: Socket, body: unknown): Promise<LiveAck<PollResults>> {
    const p = validatePayload(PollRefRequest, 'poll:results', body);
    if (!p.ok) return p;
    return answer(async () => {
      const row = await this.polls.row(p.value.pollId);
      const joined = mustHaveJoined(this.sockets, socket, row.session_id);
      if (!joined.staff && (row.status === 'draft' || !row.revealed)) {
        throw forbidden('The results of this poll have not been revealed');
      }
      return this.polls.results(row, true);
    });
  }

  private async change(socket: Socket, pollId: string, step: PollStep): Promise<LiveAck<PollView>> {
    return answer(async () => {
      const facts = await this.polls.factsOf(pollId);
      mustHaveJoined(this.sockets, socket, facts.sessionId);
      const before = await this.polls.row(pollId);
      const r = await this.polls.step(identity(socket), pollId, step);
      if (r.changed) {
        const e = emitterOf(socket);
        this.publish(e, r.row, before);
        // A close or a reveal says the tally at once (after the close committed: it is final).
        if (step !== 'open') await this.sendResults(e, r.row);
      }
      return pollView(r.row, true);
    });
  }

  /** Staff hear of every change; the audience of a poll it sees now or saw before (so it can drop it). */
  private publish(e: Emitter, row: PollRow, before: PollRow | null): void {
    e.to(rooms.staff(row.session_id)).emit('poll:update', pollView(row, true));
    if (audienceSeesPoll(row) || (before && audienceSeesPoll(before))) {
      audienceOnly(e, row.session_id).emit('poll:update', pollView(row, false));
    }
  }

  async sendResults(e: Emitter, row: PollRow): Promise<void> {
    if (row.status === 'draft') return;
    const results = await this.polls.results(row);
    e.to(rooms.staff(row.session_id)).emit('poll:results', results);
    if (row.revealed) audienceOnly(e, row.session_id).emit('poll:results', results);
  }
}

const answered = (data: PollAnswerResult): LiveAck<PollAnswerResult> => ({ ok: true, data });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A poll answer that is certainly well-formed, recognised without class-transformer: 10,000
 * people answer one poll within seconds, and building and validating an instance for each costs
 * more than the rest of the answer's own work in this process. Anything else takes the full path
 * (and its messages); the answer's fit to its poll is the domain's either way.
 */
function certainAnswer(body: unknown): { ok: true; value: PollAnswerRequest } | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  let fields = 0;
  for (const k in b) {
    fields++;
    if (k !== 'pollId' && k !== 'choices' && k !== 'rating' && k !== 'words') return null;
  }
  if (typeof b.pollId !== 'string' || !UUID.test(b.pollId)) return null;
  if (fields !== 2) return null;
  if (b.choices !== undefined) {
    const c = b.choices;
    if (!Array.isArray(c) || c.length > 10 || !c.every((x) => Number.isInteger(x))) return null;
  } else if (b.rating !== undefined) {
    if (!Number.isInteger(b.rating)) return null;
  } else if (typeof b.words !== 'string' || b.words.length > 200) return null;
  return { ok: true, value: b as unknown as PollAnswerRequest };
}
