import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../shared/i18n/messages';
import { shellText, type ShellMessageKey } from '../shared/i18n/shell-messages';

export type ThemeSource = 'system' | 'light' | 'dark';

export interface MenuActions {
  exportOrders(): void;
  syncNow(): void;
  setTheme(theme: ThemeSource): void;
  about(): void;
  openDataFolder(): void;
  openLogs(): void;
}

export interface MenuContext {
  locale: Locale;
  platform: NodeJS.Platform;
  version: string;
  theme: ThemeSource;
  /** Reload and developer tools only where DevTools are allowed at all. */
  isPackaged: boolean;
}

/**
 * Keys the renderer already answers to (src/renderer's keyboard shortcuts): single keys without a modifier, and
 * Ctrl/Cmd+F (search) and Ctrl/Cmd+P (print / PDF). No menu accelerator may take one of them.
 */
export const RENDERER_SHORTCUTS = ['CmdOrCtrl+F', 'CmdOrCtrl+P'] as const;

export const ACCELERATORS = {
  export: 'CmdOrCtrl+E',
  syncNow: 'CmdOrCtrl+Shift+R',
  quit: 'CmdOrCtrl+Q',
  undo: 'CmdOrCtrl+Z',
  redo: 'CmdOrCtrl+Shift+Z',
  cut: 'CmdOrCtrl+X',
  copy: 'CmdOrCtrl+C',
  paste: 'CmdOrCtrl+V',
  selectAll: 'CmdOrCtrl+A',
  zoomIn: 'CmdOrCtrl+=',
  zoomOut: 'CmdOrCtrl+-',
  resetZoom: 'CmdOrCtrl+0',
  fullScreenMac: 'Ctrl+Cmd+F',
  fullScreen: 'F11',
  reload: 'CmdOrCtrl+Shift+F5',
  devTools: 'CmdOrCtrl+Shift+I',
} as const;

/** The application menu, in the person's language; the same template on every OS but for macOS's app menu. */
export function menuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = (key: ShellMessageKey, params?: Record<string, string | number>) => shellText(context.locale, key, params);
  const mac = context.platform === 'darwin';
  const roleItem = (
    key: ShellMessageKey,
    role: NonNullable<MenuItemConstructorOptions['role']>,
    accelerator: string,
  ): MenuItemConstructorOptions => ({ label: t(key), role, accelerator });
  const themeItem = (theme: ThemeSource, key: ShellMessageKey): MenuItemConstructorOptions => ({
    label: t(key),
    type: 'radio',
    checked: context.theme === theme,
    click: () => actions.setTheme(theme),
  });

  const file: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [
      {
        label: t('menu.export'),
        accelerator: ACCELERATORS.export,
        click: () => actions.exportOrders(),
      },
      { label: t('menu.syncNow'), accelerator: ACCELERATORS.syncNow, click: () => actions.syncNow() },
      { type: 'separator' },
      roleItem('menu.quit', 'quit', ACCELERATORS.quit),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [
      roleItem('menu.undo', 'undo', ACCELERATORS.undo),
      roleItem('menu.redo', 'redo', ACCELERATORS.redo),
      { type: 'separator' },
      roleItem('menu.cut', 'cut', ACCELERATORS.cut),
      roleItem('menu.copy', 'copy', ACCELERATORS.copy),
      roleItem('menu.paste', 'paste', ACCELERATORS.paste),
      roleItem('menu.selectAll', 'selectAll', ACCELERATORS.selectAll),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      roleItem('menu.zoomIn', 'zoomIn', ACCELERATORS.zoomIn),
      roleItem('menu.zoomOut', 'zoomOut', ACCELERATORS.zoomOut),
      roleItem('menu.resetZoom', 'resetZoom', ACCELERATORS.resetZoom),
      { type: 'separator' },
      {
        label: t('menu.fullScreen'),
        role: 'togglefullscreen',
        accelerator: mac ? ACCELERATORS.fullScreenMac : ACCELERATORS.fullScreen,
      },
      {
        label: t('menu.theme'),
        submenu: [
          themeItem('system', 'menu.themeSystem'),
          themeItem('light', 'menu.themeLight'),
          themeItem('dark', 'menu.themeDark'),
        ],
      },
      ...(context.isPackaged
        ? []
        : ([
            { type: 'separator' },
            roleItem('menu.reload', 'forceReload', ACCELERATORS.reload),
            roleItem('menu.devTools', 'toggleDevTools', ACCELERATORS.devTools),
          ] satisfies MenuItemConstructorOptions[])),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: t('menu.help'),
    role: 'help',
    submenu: [
      { label: t('menu.about'), click: () => actions.about() },
      { label: t('menu.openDataFolder'), click: () => actions.openDataFolder() },
      { label: t('menu.openLogs'), click: () => actions.openLogs() },
      { type: 'separator' },
      { label: t('menu.version', { version: context.version }), enabled: false },
    ],
  };
  // macOS puts Quit and About under the app's own menu; the File menu keeps its other items.
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Balcão',
          submenu: [
            { label: t('menu.about'), click: () => actions.about() },
            { type: 'separator' },
            roleItem('menu.quit', 'quit', ACCELERATORS.quit),
          ],
        },
      ]
    : [];
  return [...appMenu, file, edit, view, help];
}

/** Every accelerator in a template, submenus included. */
export function acceleratorsOf(template: readonly MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(typeof item.accelerator === 'string' ? [item.accelerator] : []),
    ...(Array.isArray(item.submenu) ? acceleratorsOf(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}
