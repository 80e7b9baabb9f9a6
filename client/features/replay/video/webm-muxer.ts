/**
 * A WebM (Matroska) file from encoded video chunks, written whole once the clip is done: one video track,
 * its exact duration in the segment info (so a player knows the length before reading to the end, which
 * MediaRecorder's files do not give), and a cluster per keyframe. Only the elements a WebM player needs.
 */

/** One encoded frame: its presentation time in microseconds, whether it is a keyframe, and its bytes. */
export interface WebmChunk {
  timestampUs: number;
  keyframe: boolean;
  data: Uint8Array;
}

export interface WebmTrack {
  /** Matroska codec id: `V_VP8` or `V_VP9`. */
  codecId: 'V_VP8' | 'V_VP9';
  width: number;
  height: number;
}

type Part = Uint8Array;

const ID = {
  EBML: 0x1a45dfa3,
  EBMLVersion: 0x4286,
  EBMLReadVersion: 0x42f7,
  EBMLMaxIDLength: 0x42f2,
  EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282,
  DocTypeVersion: 0x4287,
  DocTypeReadVersion: 0x4285,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  MuxingApp: 0x4d80,
  WritingApp: 0x5741,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackUID: 0x73c5,
  TrackType: 0x83,
  FlagLacing: 0x9c,
  CodecID: 0x86,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
} as const;

/** Milliseconds per Matroska tick: block times are whole ticks. */
const TIMECODE_SCALE_NS = 1_000_000;
/** A block's time is a signed 16-bit offset from its cluster's: a cluster spans less than this many ticks. */
const MAX_CLUSTER_SPAN = 32_000;

function concat(parts: readonly Part[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function idBytes(id: number): Part {
  const bytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.from(bytes);
}

/** An element's data size as an EBML variable-length integer (1–8 bytes, the length marker in the first). */
function sizeBytes(size: number): Part {
  for (let len = 1; len <= 8; len++) {
    if (size < 2 ** (7 * len) - 1) {
      const out = new Uint8Array(len);
      let v = size;
      for (let i = len - 1; i >= 0; i--) {
        out[i] = v & 0xff;
        v = Math.floor(v / 256);
      }
      out[0]! |= 1 << (8 - len);
      return out;
    }
  }
  throw new Error(`EBML element too large: ${size} bytes`);
}

const element = (id: number, ...body: Part[]): Part => {
  const data = concat(body);
  return concat([idBytes(id), sizeBytes(data.length), data]);
};

function uint(id: number, value: number): Part {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return element(id, Uint8Array.from(bytes.length ? bytes : [0]));
}

const text = (id: number, value: string): Part => element(id, new TextEncoder().encode(value));

function float64(id: number, value: number): Part {
  const data = new Uint8Array(8);
  new DataView(data.buffer).setFloat64(0, value);
  return element(id, data);
}

function simpleBlock(chunk: WebmChunk, relativeTicks: number): Part {
  const head = new Uint8Array(4);
  head[0] = 0x81; // track number 1, as a one-byte EBML integer
  new DataView(head.buffer).setInt16(1, relativeTicks);
  head[3] = chunk.keyframe ? 0x80 : 0;
  return element(ID.SimpleBlock, head, chunk.data);
}

/**
 * The clip's bytes. `durationUs` is when the last frame stops showing (its timestamp plus its duration).
 * The first chunk must be a keyframe, as a decoder needs one to start.
 */
export function muxWebm(track: WebmTrack, chunks: readonly WebmChunk[], durationUs: number): Uint8Array {
  if (chunks.length > 0 && !chunks[0]!.keyframe) throw new Error('a WebM clip starts with a keyframe');
  const ticks = (us: number) => Math.round((us * 1000) / TIMECODE_SCALE_NS);
  const header = element(
    ID.EBML,
    uint(ID.EBMLVersion, 1),
    uint(ID.EBMLReadVersion, 1),
    uint(ID.EBMLMaxIDLength, 4),
    uint(ID.EBMLMaxSizeLength, 8),
    text(ID.DocType, 'webm'),
    uint(ID.DocTypeVersion, 2),
    uint(ID.DocTypeReadVersion, 2),
  );
  const info = element(
    ID.Info,
    uint(ID.TimecodeScale, TIMECODE_SCALE_NS),
    float64(ID.Duration, ticks(durationUs)),
    text(ID.MuxingApp, 'long-an-ioc'),
    text(ID.WritingApp, 'long-an-ioc replay export'),
  );
  const tracks = element(
    ID.Tracks,
    element(
      ID.TrackEntry,
      uint(ID.TrackNumber, 1),
      uint(ID.TrackUID, 1),
      uint(ID.TrackType, 1), // video
      uint(ID.FlagLacing, 0),
      text(ID.CodecID, track.codecId),
      element(ID.Video, uint(ID.PixelWidth, track.width), uint(ID.PixelHeight, track.height)),
    ),
  );
  const clusters: Part[] = [];
  let clusterStart = 0;
  let blocks: Part[] = [];
  const close = () => {
    if (blocks.length) clusters.push(element(ID.Cluster, uint(ID.Timecode, clusterStart), ...blocks));
    blocks = [];
  };
  for (const chunk of chunks) {
    const at = ticks(chunk.timestampUs);
    // A new cluster at each keyframe (where a player can start) and before the 16-bit offset would overflow.
    if (blocks.length === 0 || chunk.keyframe || at - clusterStart >= MAX_CLUSTER_SPAN) {
      close();
      clusterStart = at;
    }
    blocks.push(simpleBlock(chunk, at - clusterStart));
  }
  close();
  return concat([header, element(ID.Segment, info, tracks, ...clusters)]);
}
