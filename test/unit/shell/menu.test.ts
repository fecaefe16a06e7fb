import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import {
  acceleratorsOf,
  menuTemplate,
  RENDERER_SHORTCUTS,
  type MenuActions,
  type MenuContext,
} from '../../../src/main/menu';

const actions = (): MenuActions => ({
  exportOrders: vi.fn(),
  syncNow: vi.fn(),
  setTheme: vi.fn(),
  about: vi.fn(),
  openDataFolder: vi.fn(),
  openLogs: vi.fn(),
});
const context: MenuContext = {
  locale: 'pt-BR',
  platform: 'linux',
  version: '1.2.3',
  theme: 'system',
  isPackaged: true,
};

const items = (menu: MenuItemConstructorOptions) => menu.submenu as MenuItemConstructorOptions[];
const labels = (menu: MenuItemConstructorOptions) =>
  items(menu)
    .filter((i) => i.label)
    .map((i) => i.label);
const find = (template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions =>
  template
    .flatMap((m) => [m, ...(Array.isArray(m.submenu) ? (m.submenu as MenuItemConstructorOptions[]) : [])])
    .find((i) => i.label === label)!;

describe('application menu', () => {
  it('reads in Brazilian Portuguese', () => {
    const [file, edit, view, help] = menuTemplate(context, actions());
    expect(file!.label).toBe('Arquivo');
    expect(labels(file!)).toEqual(['Exportar…', 'Sincronizar agora', 'Sair']);
    expect(edit!.label).toBe('Editar');
    expect(view!.label).toBe('Exibir');
    expect(labels(view!)).toEqual(['Aumentar', 'Diminuir', 'Tamanho original', 'Tela cheia', 'Tema']);
    expect(help!.label).toBe('Ajuda');
    expect(labels(help!)).toEqual(['Sobre o Balcão', 'Abrir a pasta de dados', 'Abrir os logs', 'Versão 1.2.3']);
  });

  it('and in English', () => {
    const [file, edit, view, help] = menuTemplate({ ...context, locale: 'en' }, actions());
    expect([file!.label, edit!.label, view!.label, help!.label]).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(file!)).toEqual(['Export…', 'Sync now', 'Quit']);
    expect(labels(help!)).toEqual(['About Balcão', 'Open the data folder', 'Open the logs', 'Version 1.2.3']);
  });

  it('takes none of the renderer’s shortcuts and no bare letter key', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      for (const isPackaged of [true, false]) {
        const accelerators = acceleratorsOf(menuTemplate({ ...context, platform, isPackaged }, actions()));
        expect(accelerators.length).toBeGreaterThan(10);
        for (const shortcut of RENDERER_SHORTCUTS) expect(accelerators).not.toContain(shortcut);
        expect(accelerators.filter((a) => !a.includes('+') && !/^F\d+$/.test(a))).toEqual([]);
        expect(new Set(accelerators).size).toBe(accelerators.length - (platform === 'darwin' ? 1 : 0));
      }
    }
  });

  it('calls main’s actions, export included', () => {
    const a = actions();
    const template = menuTemplate(context, a);
    // Electron takes an item without `enabled` as enabled.
    expect(find(template, 'Exportar…').enabled).not.toBe(false);
    (find(template, 'Exportar…').click as () => void)();
    (find(template, 'Sincronizar agora').click as () => void)();
    (find(template, 'Abrir a pasta de dados').click as () => void)();
    (find(template, 'Abrir os logs').click as () => void)();
    (find(template, 'Sobre o Balcão').click as () => void)();
    const theme = find(template, 'Tema');
    const dark = items(theme).find((i) => i.label === 'Escuro')!;
    (dark.click as () => void)();
    expect(a.syncNow).toHaveBeenCalledOnce();
    expect(a.openDataFolder).toHaveBeenCalledOnce();
    expect(a.openLogs).toHaveBeenCalledOnce();
    expect(a.about).toHaveBeenCalledOnce();
    expect(a.setTheme).toHaveBeenCalledWith('dark');
    expect(a.exportOrders).toHaveBeenCalledOnce();
  });

  it('offers reload and DevTools only when not packaged', () => {
    const roles = (isPackaged: boolean) =>
      menuTemplate({ ...context, isPackaged }, actions()).flatMap((m) => items(m).map((i) => i.role));
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('forceReload');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('on macOS, the app menu comes first with About and Quit', () => {
    const [appMenu, file] = menuTemplate({ ...context, platform: 'darwin' }, actions());
    expect(appMenu!.label).toBe('Balcão');
    expect(labels(appMenu!)).toEqual(['Sobre o Balcão', 'Sair']);
    expect(file!.label).toBe('Arquivo');
  });
});
