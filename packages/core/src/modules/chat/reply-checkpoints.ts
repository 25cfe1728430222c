import type { DataAccess } from '../../data/data-access.ts';
import type { Logger } from '../../logging/logger.ts';
import type { ChatRepository, ReplyCheckpoint } from './chat.repository.ts';

/** What a checkpoint of a reply in flight holds right now. */
export type ReplySnapshot = () => Omit<ReplyCheckpoint, 'id' | 'userId'>;

interface HeldReply {
  userId: string;
  /** Absent while the reply waits for a slot: there is nothing to write but a keep-alive. */
  snapshot: ReplySnapshot | undefined;
  changed: boolean;
  writtenAt: number;
}

export interface ReplyCheckpointsDeps {
  data: DataAccess;
  repo: ChatRepository;
  log: Logger;
  /** A changed reply reaches the database within this long, so a crash loses at most this. */
  checkpointEveryMs?: number;
  /** A reply with nothing new is touched this often, so the stale sweep leaves it alone. */
  keepAliveEveryMs?: number;
  now?: () => number;
}

/**
 * Writes the rows of the replies in flight in this process: checkpoints of the ones whose text
 * grew and keep-alives of the quiet or waiting ones, all in one tick's two statements. One
 * statement per reply per second, and a keep-alive timer per waiting reply, made the database's
 * work and the API's grow with every reply in flight (bench/stream-concurrency: with 2000 at once,
 * ~1700 waiting replies' timers fired together every 5 s). Writes never hold a stream back, go
 * one tick at a time so they land in order, and a failed one is retried by the next tick.
 */
export class ReplyCheckpoints {
  private readonly held = new Map<string, HeldReply>();
  private readonly checkpointEveryMs: number;
  private readonly keepAliveEveryMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  /** Replies in the write in flight: their final save waits for it. */
  private readonly inWrite = new Set<string>();

  constructor(private readonly deps: ReplyCheckpointsDeps) {
    this.checkpointEveryMs = deps.checkpointEveryMs ?? 1000;
    this.keepAliveEveryMs = deps.keepAliveEveryMs ?? 5000;
    this.now = deps.now ?? Date.now;
  }

  /**
   * Keeps `replyId`'s row alive until released; with `snapshot`, also checkpoints it after
   * `changed`. Holding a held reply again (it got its slot) replaces its snapshot.
   */
  hold(userId: string, replyId: string, snapshot?: ReplySnapshot): void {
    const held = this.held.get(replyId);
    this.held.set(replyId, {
      userId,
      snapshot,
      changed: held?.changed ?? false,
      writtenAt: held?.writtenAt ?? this.now(),
    });
    this.timer ??= setInterval(() => void this.tick(), this.checkpointEveryMs).unref();
  }

  /** The reply's text moved: the next tick writes it. */
  changed(replyId: string): void {
    const held = this.held.get(replyId);
    if (held) held.changed = true;
  }

  /** Stops writing the reply; resolves once no checkpoint of it is in flight (its final save may follow). */
  async release(replyId: string): Promise<void> {
    this.held.delete(replyId);
    if (this.held.size === 0) this.stopTimer();
    if (this.inWrite.has(replyId)) await this.writing;
  }

  /** Replies held now (waiting or generating). */
  get size(): number {
    return this.held.size;
  }

  /** Writes what is due now, or joins the write in flight. */
  tick(): Promise<void> {
    if (this.writing) return this.writing;
    const now = this.now();
    const checkpoints: ReplyCheckpoint[] = [];
    const touches: { id: string; userId: string }[] = [];
    for (const [id, held] of this.held) {
      if (held.changed && held.snapshot) {
        checkpoints.push({ id, userId: held.userId, ...held.snapshot() });
        held.changed = false;
      } else if (now - held.writtenAt >= this.keepAliveEveryMs) {
        touches.push({ id, userId: held.userId });
      } else continue;
      held.writtenAt = now;
      this.inWrite.add(id);
    }
    if (this.inWrite.size === 0) return Promise.resolve();
    const at = new Date(now);
    const { data, repo, log } = this.deps;
    this.writing = data
      .asSystem((db) =>
        Promise.all([
          repo.checkpointReplies(db, at, checkpoints),
          repo.touchReplies(db, at, touches),
        ]),
      )
      .then(
        () => undefined,
        (error: unknown) => {
          log.warn(
            { err: error, checkpoints: checkpoints.length, touches: touches.length },
            'reply checkpoints failed',
          );
          // The next tick tries again with what is current then.
          for (const { id } of checkpoints) this.changed(id);
          for (const { id } of touches) {
            const held = this.held.get(id);
            if (held) held.writtenAt = 0;
          }
        },
      )
      .finally(() => {
        this.writing = undefined;
        this.inWrite.clear();
      });
    return this.writing;
  }

  /** Stops the timer; resolves when the write in flight, if any, has landed. */
  async close(): Promise<void> {
    this.stopTimer();
    await this.writing;
  }

  private stopTimer() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
