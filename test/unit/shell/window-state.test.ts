import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EMPTY_STATE,
  readWindowState,
  rememberPlacement,
  restorePlacement,
  writeWindowState,
  type DisplayLike,
} from '../../../src/main/window-state';

const laptop: DisplayLike = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 860 } };
const monitor: DisplayLike = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };

describe('window placement per display', () => {
  it('opens centred on the primary display the first time', () => {
    expect(restorePlacement(EMPTY_STATE, [laptop], laptop)).toEqual({
      bounds: { x: 80, y: 30, width: 1280, height: 800 },
      maximized: false,
    });
  });

  it('remembers a place per display and reopens on the display it was last on', () => {
    let state = rememberPlacement(EMPTY_STATE, laptop, {
      bounds: { x: 10, y: 10, width: 1000, height: 700 },
      maximized: false,
    });
    state = rememberPlacement(state, monitor, {
      bounds: { x: 1600, y: 100, width: 1800, height: 1100 },
      maximized: true,
    });
    expect(restorePlacement(state, [laptop, monitor], laptop)).toEqual({
      bounds: { x: 1600, y: 100, width: 1800, height: 1100 },
      maximized: true,
    });
    // The monitor is unplugged: back where it was on the laptop, not off screen.
    expect(restorePlacement(state, [laptop], laptop)).toEqual({
      bounds: { x: 10, y: 10, width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('moves and shrinks a remembered place into the visible work area', () => {
    const state = rememberPlacement(EMPTY_STATE, laptop, {
      bounds: { x: 1300, y: -200, width: 3000, height: 500 },
      maximized: false,
    });
    const { bounds } = restorePlacement(state, [laptop], laptop);
    expect(bounds).toEqual({ x: 0, y: 0, width: 1440, height: 600 });
  });

  it('a display of another size under the same id is another display', () => {
    const state = rememberPlacement(EMPTY_STATE, monitor, {
      bounds: { x: 1600, y: 100, width: 1800, height: 1100 },
      maximized: false,
    });
    const smaller: DisplayLike = { id: 2, workArea: { x: 0, y: 0, width: 1280, height: 720 } };
    expect(restorePlacement(state, [smaller], smaller).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });

  it('keeps the state in a file only its owner can read, and treats a broken file as no memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balcao-state-'));
    try {
      const file = join(dir, 'window-state.json');
      const state = rememberPlacement(EMPTY_STATE, laptop, {
        bounds: { x: 1, y: 2, width: 1000, height: 700 },
        maximized: true,
      });
      writeWindowState(file, state);
      expect(readWindowState(file)).toEqual(state);
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
      writeFileSync(file, '{"last": 3, "displays": {"x": {"bounds": {"x": "a"}}}}');
      expect(readWindowState(file)).toEqual(EMPTY_STATE);
      writeFileSync(file, 'not json');
      expect(readWindowState(file)).toEqual(EMPTY_STATE);
      expect(readWindowState(join(dir, 'missing.json'))).toEqual(EMPTY_STATE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
