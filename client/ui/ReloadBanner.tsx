export interface ReloadBannerProps {
  message: string;
  buttonLabel: string;
  detail: string;
  onReload: () => void;
}

/** Shown when the server refused our protocol version: this bundle is outdated and only a reload fixes it. */
export function ReloadBanner({ message, buttonLabel, detail, onReload }: ReloadBannerProps) {
  return (
    <div className="reload-banner" data-testid="reload-banner" role="alert">
      <span>{message}</span>
      <small className="reload-banner__detail">{detail}</small>
      <button type="button" onClick={onReload}>
        {buttonLabel}
      </button>
    </div>
  );
}
