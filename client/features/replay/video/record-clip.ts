import { CLIP_HEIGHT, CLIP_WIDTH, clipFrameTimes, type ClipPlan } from './clip-plan';
import { muxWebm, type WebmChunk, type WebmTrack } from './webm-muxer';

export interface RecordClipOptions {
  plan: ClipPlan;
  /** Puts the dashboard at a scenario instant; resolves once the state has landed in the store. */
  seek: (atMs: number) => Promise<void>;
  /** Draws the dashboard as it is now onto the clip's canvas. */
  draw: (ctx: CanvasRenderingContext2D, width: number, height: number) => void;
  onFrame?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Software VP8 first: every Chromium encodes it; VP9 is smaller but several times slower to encode at 1080p. */
const CODECS: readonly { config: string; track: WebmTrack['codecId'] }[] = [
  { config: 'vp8', track: 'V_VP8' },
  { config: 'vp09.00.10.08', track: 'V_VP9' },
];
const BITRATE = 6_000_000;
/** A keyframe every 2 s of video: where a player can seek to. */
const KEYFRAME_EVERY_S = 2;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function pickCodec(fps: number): Promise<{ config: VideoEncoderConfig; track: WebmTrack['codecId'] }> {
  if (typeof VideoEncoder === 'undefined') throw new Error('webcodecs_unavailable');
  for (const c of CODECS) {
    const config: VideoEncoderConfig = {
      codec: c.config,
      width: CLIP_WIDTH,
      height: CLIP_HEIGHT,
      bitrate: BITRATE,
      framerate: fps,
    };
    if ((await VideoEncoder.isConfigSupported(config)).supported) return { config, track: c.track };
  }
  throw new Error('no_webm_encoder');
}

/**
 * Renders the clip offline, frame by frame: each frame seeks the replay to its instant, lets React and the
 * map draw it (two animation frames), draws the dashboard onto a 1080p canvas and encodes it with WebCodecs
 * at its own timestamp, so the clip's length is exact however long a frame takes to make. Resolves with the
 * WebM; rejects with an AbortError when the signal fires.
 */
export async function recordClip({ plan, seek, draw, onFrame, signal }: RecordClipOptions): Promise<Blob> {
  const times = clipFrameTimes(plan);
  const frameUs = Math.round(1e6 / plan.fps);
  const { config, track } = await pickCodec(plan.fps);
  const canvas = document.createElement('canvas');
  canvas.width = CLIP_WIDTH;
  canvas.height = CLIP_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no_canvas');
  const chunks: WebmChunk[] = [];
  let failure: Error | null = null;
  const encoder = new VideoEncoder({
    output: (chunk) => {
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      chunks.push({ timestampUs: chunk.timestamp, keyframe: chunk.type === 'key', data });
    },
    error: (e) => (failure = e instanceof Error ? e : new Error(String(e))),
  });
  encoder.configure(config);
  try {
    for (let i = 0; i < times.length; i++) {
      signal?.throwIfAborted();
      if (failure) throw failure;
      await seek(times[i]!);
      await nextFrame();
      await nextFrame();
      draw(ctx, CLIP_WIDTH, CLIP_HEIGHT);
      const frame = new VideoFrame(canvas, { timestamp: i * frameUs, duration: frameUs });
      encoder.encode(frame, { keyFrame: i % (plan.fps * KEYFRAME_EVERY_S) === 0 });
      frame.close();
      // A software encoder at 1080p is slower than a seek on a quiet server: hold the queue short.
      while (encoder.encodeQueueSize > 2) await new Promise((r) => setTimeout(r, 10));
      onFrame?.(i + 1, times.length);
    }
    await encoder.flush();
    if (failure) throw failure;
  } finally {
    if (encoder.state !== 'closed') encoder.close();
  }
  chunks.sort((a, b) => a.timestampUs - b.timestampUs);
  const bytes = muxWebm(
    { codecId: track, width: CLIP_WIDTH, height: CLIP_HEIGHT },
    chunks,
    times.length * frameUs,
  );
  return new Blob([bytes as BlobPart], { type: 'video/webm' });
}
