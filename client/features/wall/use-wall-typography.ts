import { useLayoutEffect } from 'react';
import { minFontPx, type DisplayProfile } from './display-profile';

/** Cap height over em of the font an element renders with, measured on a capital H (no accent, flat top). */
export function capHeightRatio(el: Element): number {
  const style = getComputedStyle(el);
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 0.72; // Arial's, a conservative guess for a sans-serif.
  ctx.font = `${style.fontWeight} 100px ${style.fontFamily}`;
  const ascent = ctx.measureText('H').actualBoundingBoxAscent;
  return ascent > 0 ? ascent / 100 : 0.72;
}

/**
 * Sets the wall's root font size to the smallest size readable from the profile's seats, so that 1rem is the
 * floor of every readable text and everything else on the wall (spacing, values, headings) is laid out in rem.
 * Recomputed when the viewport changes (a wall browser may start in a window before it goes full screen).
 */
export function useWallTypography(profile: DisplayProfile): void {
  useLayoutEffect(() => {
    const root = document.documentElement;
    const previous = root.style.fontSize;
    const apply = () => {
      // Rounded up to a whole pixel: a size a hair under the floor is a size under it.
      const px = Math.ceil(minFontPx(profile, window.innerWidth, capHeightRatio(root)));
      root.style.fontSize = `${px}px`;
      root.dataset.wallProfile = profile.id;
      root.dataset.wallMinFontPx = String(px);
    };
    apply();
    window.addEventListener('resize', apply);
    // The shipped font swaps in once loaded: its cap height, not the fallback's, sets the floor.
    let live = true;
    void document.fonts?.ready.then(() => live && apply());
    return () => {
      live = false;
      window.removeEventListener('resize', apply);
      root.style.fontSize = previous;
      delete root.dataset.wallProfile;
      delete root.dataset.wallMinFontPx;
    };
  }, [profile]);
}
