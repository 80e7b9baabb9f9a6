/** Hands `href` (a data or object URL) to the browser as a download named `filename`. */
export function downloadHref(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}

/** Saves a blob as a file. The object URL is revoked later, not at once: some browsers start the download after the click returns. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  downloadHref(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
