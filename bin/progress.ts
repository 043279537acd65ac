/** Progress of a long command on a terminal: which step runs and the elapsed time. Silent when the stream is not a terminal. */
export class Progress {
  private readonly started: number;

  constructor(
    private readonly stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Shows a step on one self-overwriting line. */
  public step(what: string): void {
    if (this.stream.isTTY) this.stream.write(`\r\x1b[2K[${this.elapsed()}] ${what}…`);
  }

  /** Clears the progress line before the result is printed. */
  public done(): void {
    if (this.stream.isTTY) this.stream.write('\r\x1b[2K');
  }

  /** `1.2 s` since the start. */
  public elapsed(): string {
    return `${((this.now() - this.started) / 1000).toFixed(1)} s`;
  }
}
