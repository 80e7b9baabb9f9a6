import type { Locale } from './index';

/**
 * MapLibre's own interface strings (control titles, the cooperative-gesture hint) in Vietnamese; English keeps
 * MapLibre's defaults. Passed as the map's `locale` option when the map is made.
 */
const VI: Readonly<Record<string, string>> = {
  'AttributionControl.ToggleAttribution': 'Hiện hoặc ẩn nguồn bản đồ',
  'AttributionControl.MapFeedback': 'Góp ý về bản đồ',
  'FullscreenControl.Enter': 'Toàn màn hình',
  'FullscreenControl.Exit': 'Thoát toàn màn hình',
  'GeolocateControl.FindMyLocation': 'Tìm vị trí của tôi',
  'GeolocateControl.LocationNotAvailable': 'Không xác định được vị trí',
  'LogoControl.Title': 'Biểu trưng MapLibre',
  'Map.Title': 'Bản đồ',
  'Marker.Title': 'Điểm đánh dấu',
  'NavigationControl.ResetBearing': 'Kéo để xoay bản đồ, nhấn để về hướng bắc',
  'NavigationControl.ZoomIn': 'Phóng to',
  'NavigationControl.ZoomOut': 'Thu nhỏ',
  'Popup.Close': 'Đóng',
  'GlobeControl.Enable': 'Bật chế độ địa cầu',
  'GlobeControl.Disable': 'Tắt chế độ địa cầu',
  'TerrainControl.Enable': 'Bật địa hình',
  'TerrainControl.Disable': 'Tắt địa hình',
  'CooperativeGesturesHandler.WindowsHelpText': 'Nhấn Ctrl và cuộn chuột để phóng to, thu nhỏ bản đồ',
  'CooperativeGesturesHandler.MacHelpText': 'Nhấn ⌘ và cuộn chuột để phóng to, thu nhỏ bản đồ',
  'CooperativeGesturesHandler.MobileHelpText': 'Dùng hai ngón tay để di chuyển bản đồ',
};

/** The `locale` option of a MapLibre map for the UI's language. */
export function maplibreLocale(locale: Locale): Record<string, string> {
  return locale === 'vi' ? { ...VI } : {};
}
