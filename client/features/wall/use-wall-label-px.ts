import { useEffect, useState } from 'react';
import { LABEL_FONT, LABEL_WEIGHT } from '../../map/label-font';
import { minFontPx, type DisplayProfile } from './display-profile';

/** Cap height over em of the map labels' own font and weight (not the page's), measured on a capital H. */
function labelCapRatio(): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 0.72;
  ctx.font = `${LABEL_WEIGHT} 100px ${LABEL_FONT}`;
  const ascent = ctx.measureText('H').actualBoundingBoxAscent;
  return ascent > 0 ? ascent / 100 : 0.72;
}

const labelPx = (profile: DisplayProfile) =>
  Math.ceil(minFontPx(profile, window.innerWidth, labelCapRatio()));

/**
 * The wall map's label size, px: the smallest whose capitals subtend the profile's minimum at its seats, from
 * the profile itself rather than the page's root size, which need not be set yet when the map mounts. Measured
 * again on resize and once the fonts have loaded (the fallback's cap height may differ).
 */
export function useWallLabelPx(profile: DisplayProfile): number {
  const [px, setPx] = useState(() => labelPx(profile));
  useEffect(() => {
    let live = true;
    const update = () => live && setPx(labelPx(profile));
    update();
    window.addEventListener('resize', update);
    void document.fonts?.ready.then(update);
    return () => {
      live = false;
      window.removeEventListener('resize', update);
    };
  }, [profile]);
  return px;
}
