import { useEffect, useRef, useState } from 'react';
import { useCoreT } from '../../i18n/use-core-t';

/**
 * The phone camera reading a receipt's QR code. qr-scanner is loaded only when the citizen opens the
 * camera; it uses the browser's BarcodeDetector where there is one. Calls `onText` with what it read.
 */
export function QrScan({ onText, onClose }: { onText: (text: string) => void; onClose: () => void }) {
  const { t } = useCoreT();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let destroy = () => {};
    import('qr-scanner')
      .then(({ default: QrScanner }) => {
        if (stopped) return;
        const scanner = new QrScanner(video.current!, (r) => onText(r.data), {
          preferredCamera: 'environment',
          returnDetailedScanResult: true,
        });
        destroy = () => scanner.destroy();
        return scanner.start();
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      stopped = true;
      destroy();
    };
  }, [onText]);

  return (
    <div className="public-scan" data-testid="qr-scan">
      {error ? (
        <p role="alert" className="public-message public-message--warn">
          {t('public.lookup.scanError', { message: error })}
        </p>
      ) : (
        <video ref={video} className="public-scan__video" muted playsInline />
      )}
      <button type="button" onClick={onClose}>
        {t('public.lookup.scanStop')}
      </button>
    </div>
  );
}
