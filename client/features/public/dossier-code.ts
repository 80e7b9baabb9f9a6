import { DOSSIER_CODE_PATTERN } from '../../../protocol/dossier-code';

/** A typed code as the server stores it: trimmed, upper case (receipts are often typed in lower case). */
export function normaliseCode(input: string): string {
  return input.trim().toUpperCase();
}

export function isDossierCode(code: string): boolean {
  return DOSSIER_CODE_PATTERN.test(code);
}

/**
 * The code in what a QR scan read: a receipt's QR holds the lookup URL (`…/public?code=…`), an older or
 * third-party one may hold the bare code. Null when neither is there.
 */
export function codeFromScan(text: string): string | null {
  const raw = text.trim();
  if (URL.canParse(raw)) {
    const code = new URL(raw).searchParams.get('code');
    return code && isDossierCode(normaliseCode(code)) ? normaliseCode(code) : null;
  }
  return isDossierCode(normaliseCode(raw)) ? normaliseCode(raw) : null;
}
