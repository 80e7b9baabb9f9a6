/**
 * A two-tone chime made with WebAudio (no sound file to ship). Browsers keep audio suspended until the page
 * gets a gesture; on a wall with no mouse that is a key press on its keyboard, or a touch, once per page.
 */
let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  ctx ??= new AudioContext();
  return ctx;
}

/** Call from a key or pointer handler: the gesture lets the context run. */
export function unlockAudio(): void {
  void context()?.resume();
}

/** Plays the chime; false when the browser still blocks audio (the wall then says how to enable it). */
export async function playChime(): Promise<boolean> {
  const c = context();
  if (!c) return false;
  if (c.state !== 'running') await Promise.race([c.resume(), new Promise((r) => setTimeout(r, 300))]);
  if (c.state !== 'running') return false;
  [880, 660].forEach((hz, i) => {
    const osc = c.createOscillator();
    const gain = c.createGain();
    const at = c.currentTime + i * 0.35;
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
    osc.connect(gain).connect(c.destination);
    osc.start(at);
    osc.stop(at + 0.32);
  });
  return true;
}
