import QRCode from 'qrcode';

/**
 * The lookup URL a receipt's QR code carries: the public page with the code filled in, so a phone's own
 * camera app opens the timeline even without the page's scanner.
 */
export function lookupUrl(baseUrl: string, code: string): string {
  const url = new URL('/public', baseUrl);
  url.searchParams.set('code', code);
  return url.toString();
}

// Level M survives a crumpled or smudged printed receipt; the margin is the quiet zone scanners need.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg' });
}

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width: 320 });
}
