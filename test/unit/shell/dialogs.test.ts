import { describe, expect, it } from 'vitest';
import { aboutDetail } from '../../../src/main/dialogs';
import { shellLocale } from '../../../src/shared/i18n/shell-messages';

describe('About box and the shell’s language', () => {
  const info = { version: '1.2.3', platform: 'linux-x64', dataDir: '/home/ana/.config/Balcão' };

  it('says that no update check happens when no feed was built in', () => {
    expect(aboutDetail('pt-BR', { ...info, updateFeed: null })).toContain('Atualizações automáticas: desligadas');
    expect(aboutDetail('en', { ...info, updateFeed: null })).toContain('Automatic updates: off');
  });

  it('names the feed when there is one, with the version and data folder', () => {
    const detail = aboutDetail('pt-BR', { ...info, updateFeed: 'https://updates.example.com/balcao' });
    expect(detail).toContain('Versão 1.2.3 (linux-x64)');
    expect(detail).toContain('/home/ana/.config/Balcão');
    expect(detail).toContain('https://updates.example.com/balcao');
  });

  it('speaks English only when the OS’s first language is English', () => {
    expect(shellLocale(['en-US', 'pt-BR'])).toBe('en');
    expect(shellLocale(['pt-BR', 'en-US'])).toBe('pt-BR');
    expect(shellLocale(['fr-FR'])).toBe('pt-BR');
    expect(shellLocale([])).toBe('pt-BR');
  });
});
