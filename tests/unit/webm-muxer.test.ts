import { describe, expect, it } from 'vitest';
import { muxWebm, type WebmChunk } from '../../client/features/replay/video/webm-muxer';

interface Element {
  id: number;
  data: Uint8Array;
}

/** A reader written from the EBML spec, independent of the muxer's writer: variable-length ids and sizes. */
function readVint(buf: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = buf[at]!;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + buf[at + i]!;
  return { value, length };
}

function children(buf: Uint8Array): Element[] {
  const out: Element[] = [];
  for (let at = 0; at < buf.length;) {
    const id = readVint(buf, at, true);
    const size = readVint(buf, at + id.length, false);
    const start = at + id.length + size.length;
    out.push({ id: id.value, data: buf.subarray(start, start + size.value) });
    at = start + size.value;
  }
  return out;
}

const child = (els: Element[], id: number) => {
  const found = els.find((e) => e.id === id);
  if (!found) throw new Error(`no element 0x${id.toString(16)}`);
  return found;
};
const uintOf = (e: Element) => e.data.reduce((v, b) => v * 256 + b, 0);
const textOf = (e: Element) => new TextDecoder().decode(e.data);

const chunk = (ms: number, keyframe: boolean, size = 5): WebmChunk => ({
  timestampUs: ms * 1000,
  keyframe,
  data: new Uint8Array(size).fill(ms % 251),
});

describe('muxWebm', () => {
  const frames = [chunk(0, true), chunk(100, false), chunk(200, false), chunk(300, true), chunk(400, false)];
  const file = muxWebm({ codecId: 'V_VP8', width: 1920, height: 1080 }, frames, 500_000);
  const [header, segment, ...rest] = children(file);

  it('writes a WebM header and one segment, nothing after it', () => {
    expect(header!.id).toBe(0x1a45dfa3);
    expect(textOf(child(children(header!.data), 0x4282))).toBe('webm');
    expect(segment!.id).toBe(0x18538067);
    expect(rest).toHaveLength(0);
  });

  it('states the duration in milliseconds and the track as VP8 at 1080p', () => {
    const parts = children(segment!.data);
    const info = children(child(parts, 0x1549a966).data);
    expect(uintOf(child(info, 0x2ad7b1))).toBe(1_000_000);
    const duration = child(info, 0x4489).data;
    expect(new DataView(duration.buffer, duration.byteOffset, 8).getFloat64(0)).toBe(500);
    const entry = children(child(children(child(parts, 0x1654ae6b).data), 0xae).data);
    expect(textOf(child(entry, 0x86))).toBe('V_VP8');
    const video = children(child(entry, 0xe0).data);
    expect([uintOf(child(video, 0xb0)), uintOf(child(video, 0xba))]).toEqual([1920, 1080]);
  });

  it('starts a cluster at each keyframe; every frame keeps its time, flag and bytes', () => {
    const clusters = children(segment!.data).filter((e) => e.id === 0x1f43b675);
    expect(clusters).toHaveLength(2);
    const blocks = clusters.flatMap((c) => {
      const els = children(c.data);
      const base = uintOf(child(els, 0xe7));
      return els
        .filter((e) => e.id === 0xa3)
        .map((b) => ({
          track: b.data[0],
          ms: base + new DataView(b.data.buffer, b.data.byteOffset + 1, 2).getInt16(0),
          keyframe: (b.data[3]! & 0x80) !== 0,
          data: [...b.data.subarray(4)],
        }));
    });
    expect(blocks).toEqual(
      frames.map((f) => ({ track: 0x81, ms: f.timestampUs / 1000, keyframe: f.keyframe, data: [...f.data] })),
    );
  });

  it('cuts a cluster before a block offset leaves 16 bits, and sizes large frames in longer integers', () => {
    const long = [chunk(0, true, 20_000), chunk(20_000, false), chunk(40_000, false), chunk(70_000, false)];
    const seg = children(
      children(muxWebm({ codecId: 'V_VP9', width: 64, height: 64 }, long, 71_000_000))[1]!.data,
    );
    const clusters = seg.filter((e) => e.id === 0x1f43b675).map((c) => uintOf(child(children(c.data), 0xe7)));
    // 40 s is 32 s or more past the first cluster; 70 s is 30 s past the second, inside its 16-bit reach.
    expect(clusters).toEqual([0, 40_000]);
  });

  it('refuses a clip that does not start with a keyframe', () => {
    expect(() => muxWebm({ codecId: 'V_VP8', width: 2, height: 2 }, [chunk(0, false)], 100_000)).toThrow();
  });
});
