/**
 * The step position of one visualisation: first, back, forward, last and
 * play over `count` steps. While the position is on the last step, new steps
 * (new engine events) move it along, so the picture follows what the learner
 * just did; anywhere else it stays put.
 */
export class VizStepper {
  index = $state(0);
  count = $state(0);
  playing = $state(false);
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly intervalMs = 1200) {}

  /** New number of steps (call when the frames change). */
  setCount(n: number): void {
    const following = this.count === 0 || this.index >= this.count - 1;
    this.count = n;
    if (n === 0) this.index = 0;
    else if (following || this.index > n - 1) this.index = n - 1;
  }

  first(): void {
    this.stop();
    this.index = 0;
  }

  back(): void {
    this.stop();
    if (this.index > 0) this.index--;
  }

  forward(): void {
    if (this.index < this.count - 1) this.index++;
    else this.stop();
  }

  last(): void {
    this.stop();
    this.index = Math.max(0, this.count - 1);
  }

  /** Go to step `i` (clamped). */
  go(i: number): void {
    this.stop();
    this.index = Math.max(0, Math.min(this.count - 1, i));
  }

  /** Play from the current step (from the first when at the end); toggles. */
  toggle(): void {
    if (this.playing) return this.stop();
    if (this.count < 2) return;
    if (this.index >= this.count - 1) this.index = 0;
    this.playing = true;
    this.timer = setInterval(() => this.forward(), this.intervalMs);
  }

  stop(): void {
    this.playing = false;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Keyboard: ←/→ step, Home/End, Space plays. Returns true when handled. */
  key(e: KeyboardEvent): boolean {
    const actions: Record<string, () => void> = {
      ArrowLeft: () => this.back(),
      ArrowRight: () => this.forward(),
      Home: () => this.first(),
      End: () => this.last(),
      ' ': () => this.toggle(),
    };
    const act = actions[e.key];
    if (!act || e.altKey || e.ctrlKey || e.metaKey) return false;
    e.preventDefault();
    act();
    return true;
  }
}
