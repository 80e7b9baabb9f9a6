import type { CoreTranslate } from '../i18n/core';

/**
 * maplibre's own control strings (cooperative-gesture hints, zoom buttons) in the UI's language: maplibre reads
 * them once, when the map is created, from its `locale` option.
 */
export function mapLocale(t: CoreTranslate): Record<string, string> {
  return {
    'CooperativeGesturesHandler.MobileHelpText': t('map.gesture.mobile'),
    'CooperativeGesturesHandler.WindowsHelpText': t('map.gesture.windows'),
    'CooperativeGesturesHandler.MacHelpText': t('map.gesture.mac'),
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'Map.Title': t('map.title'),
    'AttributionControl.ToggleAttribution': t('map.attributionToggle'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'Popup.Close': t('map.popupClose'),
  };
}
