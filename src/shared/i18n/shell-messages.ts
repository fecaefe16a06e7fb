import type { Locale } from './messages';

/**
 * The desktop shell's own words (menus, the About box, dialogs), in Brazilian Portuguese (the default) and English.
 * Kept beside the renderer's catalogue rather than in it: only the main process reads them.
 */
const ptBR = {
  'menu.file': 'Arquivo',
  'menu.export': 'Exportar…',
  'menu.syncNow': 'Sincronizar agora',
  'menu.quit': 'Sair',
  'menu.edit': 'Editar',
  'menu.undo': 'Desfazer',
  'menu.redo': 'Refazer',
  'menu.cut': 'Recortar',
  'menu.copy': 'Copiar',
  'menu.paste': 'Colar',
  'menu.selectAll': 'Selecionar tudo',
  'menu.view': 'Exibir',
  'menu.zoomIn': 'Aumentar',
  'menu.zoomOut': 'Diminuir',
  'menu.resetZoom': 'Tamanho original',
  'menu.fullScreen': 'Tela cheia',
  'menu.theme': 'Tema',
  'menu.themeSystem': 'Como o sistema',
  'menu.themeLight': 'Claro',
  'menu.themeDark': 'Escuro',
  'menu.reload': 'Recarregar',
  'menu.devTools': 'Ferramentas do desenvolvedor',
  'menu.help': 'Ajuda',
  'menu.about': 'Sobre o Balcão',
  'menu.openDataFolder': 'Abrir a pasta de dados',
  'menu.openLogs': 'Abrir os logs',
  'menu.version': 'Versão {version}',
  'about.title': 'Sobre o Balcão',
  'export.saveAs': 'Salvar exportação',
  'export.chooseFolder': 'Escolha a pasta para os arquivos',
  'about.detail': 'Versão {version} ({platform})\nPasta de dados: {dataDir}\n{updates}',
  'about.updatesOff': 'Atualizações automáticas: desligadas nesta versão (nenhum canal de atualização configurado).',
  'about.updatesOn': 'Atualizações automáticas: verificadas em {feed}; uma atualização baixada é instalada ao sair.',
  'crash.title': 'A janela do Balcão parou',
  'crash.reloaded': 'A janela parou de responder ({reason}) e foi recarregada. Nenhum dado foi perdido.',
  'crash.gaveUp': 'A janela parou de responder várias vezes ({reason}). Feche e abra o Balcão de novo.',
  'startup.failed': 'O Balcão não pôde abrir',
  'startup.nothingErased': 'Nenhum dado foi apagado.',
  'common.ok': 'OK',
  'notify.newOrders.one': '1 pedido novo',
  'notify.newOrders.other': '{count} pedidos novos',
  'notify.newOrdersBody': 'Em {store}. Clique para ver.',
};

export type ShellMessageKey = keyof typeof ptBR;

const en: Record<ShellMessageKey, string> = {
  'notify.newOrders.one': '1 new order',
  'notify.newOrders.other': '{count} new orders',
  'notify.newOrdersBody': 'In {store}. Click to see them.',
  'menu.file': 'File',
  'menu.export': 'Export…',
  'menu.syncNow': 'Sync now',
  'menu.quit': 'Quit',
  'menu.edit': 'Edit',
  'menu.undo': 'Undo',
  'menu.redo': 'Redo',
  'menu.cut': 'Cut',
  'menu.copy': 'Copy',
  'menu.paste': 'Paste',
  'menu.selectAll': 'Select all',
  'menu.view': 'View',
  'menu.zoomIn': 'Zoom in',
  'menu.zoomOut': 'Zoom out',
  'menu.resetZoom': 'Actual size',
  'menu.fullScreen': 'Full screen',
  'menu.theme': 'Theme',
  'menu.themeSystem': 'Same as the system',
  'menu.themeLight': 'Light',
  'menu.themeDark': 'Dark',
  'menu.reload': 'Reload',
  'menu.devTools': 'Developer tools',
  'menu.help': 'Help',
  'menu.about': 'About Balcão',
  'menu.openDataFolder': 'Open the data folder',
  'menu.openLogs': 'Open the logs',
  'menu.version': 'Version {version}',
  'about.title': 'About Balcão',
  'export.saveAs': 'Save export',
  'export.chooseFolder': 'Choose the folder for the files',
  'about.detail': 'Version {version} ({platform})\nData folder: {dataDir}\n{updates}',
  'about.updatesOff': 'Automatic updates: off in this build (no update feed configured).',
  'about.updatesOn': 'Automatic updates: checked at {feed}; a downloaded update is installed on quit.',
  'crash.title': 'The Balcão window stopped',
  'crash.reloaded': 'The window stopped responding ({reason}) and was reloaded. No data was lost.',
  'crash.gaveUp': 'The window stopped responding several times ({reason}). Close Balcão and open it again.',
  'startup.failed': 'Balcão could not open',
  'startup.nothingErased': 'No data was erased.',
  'common.ok': 'OK',
};

const catalogs: Record<Locale, Record<ShellMessageKey, string>> = { 'pt-BR': ptBR, en };

export function shellText(locale: Locale, key: ShellMessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** The shell's language from the OS's preferred languages: English only when the first one is English. */
export function shellLocale(preferredLanguages: readonly string[]): Locale {
  return preferredLanguages[0]?.toLowerCase().startsWith('en') ? 'en' : 'pt-BR';
}
