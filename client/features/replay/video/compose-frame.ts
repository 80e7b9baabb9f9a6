/**
 * One frame of the replay clip: the map's canvas and the dashboard's text (header, clock, KPI tiles, alerts,
 * the map's attribution) read from the page as it is drawn now, laid out on a 2D canvas. Reading the page's
 * own text keeps the clip's figures exactly the screen's, in its locale and number format.
 */

export interface DashboardText {
  title: string;
  badge: string;
  date: string;
  time: string;
  columns: { title: string; tiles: { label: string; value: string; age: string; alert: boolean }[] }[];
  alertsTitle: string;
  alerts: { text: string; severity: string }[];
  noAlerts: string;
  attribution: string;
}

const textOf = (root: ParentNode, selector: string) =>
  root.querySelector(selector)?.textContent?.trim() ?? '';

export function readDashboardText(doc: Document): DashboardText {
  return {
    title: textOf(doc, '.app-header__title'),
    badge: textOf(doc, '[data-testid="replay-badge"]'),
    date: textOf(doc, '[data-testid="replay-clock"] .clock__date'),
    time: textOf(doc, '[data-testid="replay-clock"] .clock__time'),
    columns: [...doc.querySelectorAll('[data-testid="kpi-panel"] .kpi-column')].map((col) => ({
      title: textOf(col, '.kpi-column__title'),
      tiles: [...col.querySelectorAll('.kpi-tile')].map((tile) => ({
        label: textOf(tile, '.kpi-tile__label'),
        value: textOf(tile, '.kpi-tile__value'),
        age: textOf(tile, '.kpi-tile__age'),
        alert: tile.classList.contains('kpi-tile--alert'),
      })),
    })),
    alertsTitle: textOf(doc, '.replay-alerts__title'),
    alerts: [...doc.querySelectorAll('[data-testid="replay-alert"]')].map((li) => ({
      text: li.textContent?.trim() ?? '',
      severity: /replay-alert--(\w+)/.exec(li.className)?.[1] ?? '',
    })),
    noAlerts: textOf(doc, '.replay-alerts__none'),
    attribution: textOf(doc, '[data-testid="map-attribution"]'),
  };
}

/** The map's WebGL canvas (drawn with a preserved buffer on the replay page), or null before it exists. */
export function mapCanvasOf(doc: Document): HTMLCanvasElement | null {
  return doc.querySelector<HTMLCanvasElement>('[data-testid="map-canvas"] canvas');
}

const C = {
  bg: '#070d14',
  panel: '#0f1b28',
  line: '#1f3347',
  text: '#e8f0f8',
  muted: '#9fb3c8',
  warn: '#f5b041',
  alarm: '#e74c3c',
  font: 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif',
};

/** Draws `s` cut with an ellipsis to `maxWidth` px. */
function fitText(ctx: CanvasRenderingContext2D, s: string, x: number, y: number, maxWidth: number) {
  if (ctx.measureText(s).width <= maxWidth) return ctx.fillText(s, x, y);
  let cut = s;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  ctx.fillText(`${cut}…`, x, y);
}

/** `s` broken at spaces into lines of at most `maxWidth` px. */
function wrapText(ctx: CanvasRenderingContext2D, s: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Layout for 1920×1080, scaled to the canvas: header band, map on the left, tiles and alerts on the right. */
export function drawDashboard(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  text: DashboardText,
  map: (CanvasImageSource & { width: number; height: number }) | null,
): void {
  ctx.save();
  ctx.scale(width / 1920, height / 1080);
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, 1920, 1080);
  ctx.textBaseline = 'alphabetic';

  // Header: title, the loud replay badge, the replayed instant.
  ctx.fillStyle = C.panel;
  ctx.fillRect(0, 0, 1920, 84);
  ctx.fillStyle = C.text;
  ctx.font = `700 30px ${C.font}`;
  fitText(ctx, text.title, 28, 54, 900);
  ctx.font = `800 24px ${C.font}`;
  const badgeW = ctx.measureText(text.badge).width + 28;
  ctx.fillStyle = C.alarm;
  ctx.fillRect(960, 22, badgeW, 42);
  ctx.fillStyle = '#fff';
  ctx.fillText(text.badge, 974, 52);
  ctx.textAlign = 'right';
  ctx.fillStyle = C.text;
  ctx.font = `700 40px ${C.font}`;
  ctx.fillText(text.time, 1892, 58);
  const timeW = ctx.measureText(text.time).width;
  ctx.fillStyle = C.muted;
  ctx.font = `400 26px ${C.font}`;
  ctx.fillText(text.date, 1892 - timeW - 20, 54);
  ctx.textAlign = 'left';

  // Map, fitted into its box with its proportions kept, and its attribution (the boundaries' licence asks it).
  const box = { x: 0, y: 84, w: 1360, h: 996 };
  if (map && map.width > 0 && map.height > 0) {
    const k = Math.min(box.w / map.width, box.h / map.height);
    const w = map.width * k;
    const h = map.height * k;
    ctx.drawImage(map, box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h);
  }
  if (text.attribution) {
    // Whole, on as many lines as it takes: a licence's attribution is not to be cut.
    ctx.font = `400 15px ${C.font}`;
    const lines = wrapText(ctx, text.attribution, box.w - 24);
    const h = lines.length * 20 + 10;
    ctx.fillStyle = 'rgba(7, 13, 20, 0.8)';
    ctx.fillRect(box.x, box.y + box.h - h, box.w, h);
    ctx.fillStyle = C.muted;
    lines.forEach((line, i) => ctx.fillText(line, box.x + 12, box.y + box.h - h + 20 + i * 20));
  }

  // KPI columns side by side.
  const colW = 270;
  text.columns.slice(0, 2).forEach((col, c) => {
    const x = 1372 + c * (colW + 8);
    ctx.fillStyle = C.muted;
    ctx.font = `700 20px ${C.font}`;
    fitText(ctx, col.title, x, 118, colW);
    col.tiles.slice(0, 6).forEach((tile, i) => {
      const y = 132 + i * 112;
      ctx.fillStyle = C.panel;
      ctx.fillRect(x, y, colW, 104);
      if (tile.alert) {
        ctx.fillStyle = C.alarm;
        ctx.fillRect(x, y, 5, 104);
      }
      ctx.fillStyle = C.muted;
      ctx.font = `400 16px ${C.font}`;
      fitText(ctx, tile.label, x + 14, y + 26, colW - 24);
      ctx.fillStyle = tile.alert ? C.alarm : C.text;
      ctx.font = `700 34px ${C.font}`;
      fitText(ctx, tile.value, x + 14, y + 66, colW - 24);
      ctx.fillStyle = C.muted;
      ctx.font = `400 14px ${C.font}`;
      fitText(ctx, tile.age, x + 14, y + 92, colW - 24);
    });
  });

  // The newest alerts of the replayed state.
  const ay = 132 + 5 * 112 + 24;
  ctx.fillStyle = C.text;
  ctx.font = `700 22px ${C.font}`;
  fitText(ctx, text.alertsTitle, 1372, ay, 540);
  ctx.font = `400 17px ${C.font}`;
  if (text.alerts.length === 0) {
    ctx.fillStyle = C.muted;
    fitText(ctx, text.noAlerts, 1372, ay + 34, 540);
  }
  text.alerts.slice(0, 6).forEach((a, i) => {
    const y = ay + 16 + i * 42;
    ctx.fillStyle = C.panel;
    ctx.fillRect(1372, y, 540, 36);
    ctx.fillStyle = a.severity === 'alarm' ? C.alarm : C.warn;
    ctx.fillRect(1372, y, 5, 36);
    ctx.fillStyle = C.text;
    fitText(ctx, a.text, 1386, y + 24, 520);
  });
  ctx.restore();
}
