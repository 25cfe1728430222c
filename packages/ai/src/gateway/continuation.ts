const LOOKAHEAD = 48;
const MIN_OVERLAP = 3;

/**
 * Joins a fallback model's continuation onto the text a failed model already streamed, so the
 * reader sees one message: if the continuation starts by repeating the end of the partial text
 * (or the whole of it), the repeat is cut. It holds back the first few characters until it can
 * tell.
 */
export class ContinuationJoiner {
  private buffer = '';
  private decided: boolean;

  constructor(private readonly partial: string) {
    this.decided = partial.length === 0;
  }

  /** Text to emit now for this delta (may be empty while deciding). */
  push(delta: string): string {
    if (this.decided) return delta;
    this.buffer += delta;
    const restarting = this.partial.startsWith(this.buffer) || this.buffer.startsWith(this.partial);
    if (restarting && this.buffer.length <= this.partial.length) return '';
    if (this.buffer.length < LOOKAHEAD && !restarting) return '';
    return this.decide();
  }

  /** Flushes what is held back when the continuation ends early. */
  flush(): string {
    return this.decided ? '' : this.decide();
  }

  private decide(): string {
    this.decided = true;
    const text = this.buffer;
    this.buffer = '';
    if (text.startsWith(this.partial)) return text.slice(this.partial.length);
    if (this.partial.startsWith(text)) return '';
    for (let k = Math.min(text.length, this.partial.length); k >= MIN_OVERLAP; k--) {
      if (this.partial.endsWith(text.slice(0, k))) return text.slice(k);
    }
    return text;
  }
}
