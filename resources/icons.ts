/**
 * TicketRail's icon, drawn from simple shapes: three tickets hanging from a rail, their header
 * stripes in the board's ageing colours (fresh green, amber, late red), on a dark rounded square.
 * Shapes are in unit coordinates (0..1) so one design renders at any size; edges are
 * anti-aliased by supersampling.
 */
import type { ConnectionMode } from '../common/kitchen-api.js';
import { encodePng } from './png.js';

type Rgba = readonly [number, number, number, number];
/** A shape: a point test plus its bounding box, so painting skips pixels it cannot touch. */
interface Shape {
  inside(x: number, y: number): boolean;
  box: readonly [x0: number, y0: number, x1: number, y1: number];
}

const COLORS = {
  background: [0x1b, 0x23, 0x30, 255],
  rail: [0xc9, 0xd1, 0xd9, 255],
  paper: [0xf5, 0xf1, 0xe6, 255],
  ink: [0x4a, 0x50, 0x5a, 255],
  green: [0x3f, 0xb9, 0x50, 255],
  amber: [0xe3, 0xa0, 0x08, 255],
  red: [0xf8, 0x51, 0x49, 255],
} as const satisfies Record<string, Rgba>;

const SUPERSAMPLE = 4;

class Canvas {
  readonly pixels: Float64Array;

  constructor(readonly size: number) {
    this.pixels = new Float64Array(size * size * 4);
  }

  /** Paints a shape with source-over blending, weighting each pixel by the share of it covered. */
  fill(shape: Shape, color: Rgba): void {
    const n = this.size;
    const [x0, y0, x1, y1] = shape.box;
    for (let py = Math.max(0, Math.floor(y0 * n)); py < Math.min(n, Math.ceil(y1 * n)); py++) {
      for (let px = Math.max(0, Math.floor(x0 * n)); px < Math.min(n, Math.ceil(x1 * n)); px++) {
        let hits = 0;
        for (let sy = 0; sy < SUPERSAMPLE; sy++) {
          for (let sx = 0; sx < SUPERSAMPLE; sx++) {
            if (shape.inside((px + (sx + 0.5) / SUPERSAMPLE) / n, (py + (sy + 0.5) / SUPERSAMPLE) / n)) hits++;
          }
        }
        if (hits === 0) continue;
        const alpha = (hits / SUPERSAMPLE ** 2) * (color[3] / 255);
        const i = (py * n + px) * 4;
        const below = this.pixels[i + 3] ?? 0;
        const outAlpha = alpha + below * (1 - alpha);
        for (let c = 0; c < 3; c++) {
          const mixed = (color[c] ?? 0) * alpha + (this.pixels[i + c] ?? 0) * below * (1 - alpha);
          this.pixels[i + c] = outAlpha === 0 ? 0 : mixed / outAlpha;
        }
        this.pixels[i + 3] = outAlpha;
      }
    }
  }

  toPng(): Buffer {
    const bytes = new Uint8Array(this.pixels.length);
    for (let i = 0; i < this.pixels.length; i += 4) {
      for (let c = 0; c < 3; c++) bytes[i + c] = Math.round(this.pixels[i + c] ?? 0);
      bytes[i + 3] = Math.round((this.pixels[i + 3] ?? 0) * 255);
    }
    return encodePng(this.size, this.size, bytes);
  }
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return {
    box: [x0, y0, x1, y1],
    inside(x, y) {
      if (x < x0 || x > x1 || y < y0 || y > y1) return false;
      const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
      const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
      return dx * dx + dy * dy <= r * r;
    },
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return { box: [cx - r, cy - r, cx + r, cy + r], inside: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r };
}

const TICKETS = [
  { x0: 0.17, stripe: COLORS.green },
  { x0: 0.4, stripe: COLORS.amber },
  { x0: 0.63, stripe: COLORS.red },
] as const;
const TICKET_WIDTH = 0.2;

/** `detail` adds the printed lines, which only blur into noise at tray size. */
function drawLogo(canvas: Canvas, detail: boolean): void {
  canvas.fill(roundedRect(0.02, 0.02, 0.98, 0.98, 0.19), COLORS.background);
  for (const { x0, stripe } of TICKETS) {
    const x1 = x0 + TICKET_WIDTH;
    canvas.fill(roundedRect(x0, 0.25, x1, 0.78, 0.02), COLORS.paper);
    canvas.fill(roundedRect(x0, 0.25, x1, 0.36, 0.02), stripe);
    // Square off the stripe's lower corners where it meets the paper.
    canvas.fill(roundedRect(x0, 0.3, x1, 0.36, 0), stripe);
    if (!detail) continue;
    for (const [row, length] of [
      [0.44, 0.8],
      [0.52, 0.6],
      [0.6, 0.72],
      [0.68, 0.45],
    ] as const) {
      canvas.fill(roundedRect(x0 + 0.03, row, x0 + 0.03 + (TICKET_WIDTH - 0.06) * length, row + 0.025, 0.0125), COLORS.ink);
    }
  }
  // The rail sits over the tickets' top edges, as if they were clipped into it.
  canvas.fill(roundedRect(0.12, 0.2, 0.88, 0.27, 0.035), COLORS.rail);
}

const STATUS_COLORS: Record<ConnectionMode, Rgba> = { live: COLORS.green, polling: COLORS.amber, offline: COLORS.red };

export function appIcon(size = 512): Buffer {
  const canvas = new Canvas(size);
  drawLogo(canvas, true);
  return canvas.toPng();
}

/** The tray icon; with a mode, a status dot in the corner shows the connection at a glance. */
export function trayIcon(mode?: ConnectionMode, size = 32): Buffer {
  const canvas = new Canvas(size);
  drawLogo(canvas, false);
  if (mode) {
    canvas.fill(circle(0.78, 0.78, 0.22), COLORS.background);
    canvas.fill(circle(0.78, 0.78, 0.16), STATUS_COLORS[mode]);
  }
  return canvas.toPng();
}

export const ICON_FILES = {
  'icon.png': () => appIcon(),
  'tray.png': () => trayIcon(),
  'tray-live.png': () => trayIcon('live'),
  'tray-polling.png': () => trayIcon('polling'),
  'tray-offline.png': () => trayIcon('offline'),
} as const;
