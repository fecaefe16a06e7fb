import { readFileSync, writeFileSync } from 'node:fs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  id: number;
  workArea: Rect;
}

export interface PlacedWindow {
  bounds: Rect;
  maximized: boolean;
}

/** Where the window was on each display it has been on, and which one it was on last. */
export interface WindowState {
  last: string | null;
  displays: Record<string, PlacedWindow>;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 900, height: 600 };
export const EMPTY_STATE: WindowState = { last: null, displays: {} };

/** A display is known by its id and size: an id alone is reused by another monitor on some systems. */
export function displayKey(display: DisplayLike): string {
  return `${display.id}:${display.workArea.width}x${display.workArea.height}`;
}

function fitInside(bounds: Rect, area: Rect): Rect {
  const width = Math.min(Math.max(bounds.width, MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(bounds.height, MIN_SIZE.height), area.height);
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

function centred(area: Rect): Rect {
  const width = Math.min(DEFAULT_SIZE.width, area.width);
  const height = Math.min(DEFAULT_SIZE.height, area.height);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where to open the window: where it was last, on that display if it is still connected, else on another display
 * it was remembered on, else centred on the primary display; always moved and shrunk to lie inside the display's
 * visible work area, so a monitor unplugged since cannot leave it off screen.
 */
export function restorePlacement(
  state: WindowState,
  displays: readonly DisplayLike[],
  primary: DisplayLike,
): PlacedWindow {
  const byKey = new Map(displays.map((display) => [displayKey(display), display]));
  const candidates = [state.last, ...Object.keys(state.displays)].filter((key): key is string => key !== null);
  for (const key of candidates) {
    const display = byKey.get(key);
    const placed = state.displays[key];
    if (display && placed) return { bounds: fitInside(placed.bounds, display.workArea), maximized: placed.maximized };
  }
  return { bounds: centred(primary.workArea), maximized: false };
}

/** The state after the window was last seen on `display`, keeping what other displays remembered. */
export function rememberPlacement(state: WindowState, display: DisplayLike, placed: PlacedWindow): WindowState {
  const key = displayKey(display);
  return { last: key, displays: { ...state.displays, [key]: placed } };
}

function isRect(value: unknown): value is Rect {
  const rect = value as Rect;
  return (
    typeof value === 'object' &&
    value !== null &&
    [rect.x, rect.y, rect.width, rect.height].every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

/** A missing, unreadable or hand-edited file means "no memory", never a failure to open. */
export function readWindowState(file: string): WindowState {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const displays: Record<string, PlacedWindow> = {};
    for (const [key, placed] of Object.entries(value.displays ?? {})) {
      if (isRect(placed?.bounds)) displays[key] = { bounds: placed.bounds, maximized: placed.maximized === true };
    }
    return { last: typeof value.last === 'string' ? value.last : null, displays };
  } catch {
    return EMPTY_STATE;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
  } catch {
    // Forgetting the window's place is better than failing to quit.
  }
}

/** The parts of BrowserWindow and screen that remembering reads. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  once(event: 'close', listener: () => void): unknown;
}
export interface ScreenLike {
  getDisplayMatching(rect: Rect): DisplayLike;
}

/** Saves the window's place when it closes (its normal bounds, so a maximised window restores to its old size). */
export function rememberOnClose(window: TrackedWindow, screen: ScreenLike, file: string): void {
  window.once('close', () => {
    const bounds = window.getNormalBounds();
    const placed = { bounds, maximized: window.isMaximized() };
    writeWindowState(file, rememberPlacement(readWindowState(file), screen.getDisplayMatching(bounds), placed));
  });
}
