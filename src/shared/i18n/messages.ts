/**
 * Every string a person reads, in Brazilian Portuguese (the default) and English.
 * English must name exactly the same keys, so a missing translation is a type error.
 * Placeholders are written {name}.
 */
const ptBR = {
  'app.name': 'Balcão',
  'nav.orders': 'Pedidos',
  'nav.customers': 'Clientes',
  'nav.dashboard': 'Painel',
  'nav.settings': 'Configurações',
  'nav.label': 'Navegação principal',
  'frame.version': 'versão {version}',
  'connectivity.online': 'Conectado',
  'connectivity.offline': 'Sem conexão — mostrando dados salvos',
  'connectivity.unknown': 'Conexão ainda não verificada',
  'settings.title': 'Configurações',
  'settings.appearance': 'Aparência',
  'settings.language': 'Idioma',
  'settings.theme': 'Tema',
  'settings.theme.system': 'Seguir o sistema',
  'settings.theme.light': 'Claro',
  'settings.theme.dark': 'Escuro',
  'settings.about': 'Sobre',
  'settings.about.version': 'Versão',
  'settings.about.platform': 'Plataforma',
  'settings.about.dataDir': 'Pasta de dados',
  'orders.title': 'Pedidos',
  'orders.empty': 'Nenhum pedido no cache ainda. Adicione uma loja para sincronizar.',
  'customers.title': 'Clientes',
  'customers.empty': 'Nenhum cliente no cache ainda.',
  'dashboard.title': 'Painel',
  'dashboard.stores': 'Lojas',
  'dashboard.noStores': 'Nenhuma loja configurada.',
  'error.loadFailed': 'Não foi possível carregar: {message}',
  'common.loading': 'Carregando…',
} as const;

export type MessageKey = keyof typeof ptBR;

const en: Record<MessageKey, string> = {
  'app.name': 'Balcão',
  'nav.orders': 'Orders',
  'nav.customers': 'Customers',
  'nav.dashboard': 'Dashboard',
  'nav.settings': 'Settings',
  'nav.label': 'Main navigation',
  'frame.version': 'version {version}',
  'connectivity.online': 'Online',
  'connectivity.offline': 'Offline — showing saved data',
  'connectivity.unknown': 'Connection not checked yet',
  'settings.title': 'Settings',
  'settings.appearance': 'Appearance',
  'settings.language': 'Language',
  'settings.theme': 'Theme',
  'settings.theme.system': 'Follow the system',
  'settings.theme.light': 'Light',
  'settings.theme.dark': 'Dark',
  'settings.about': 'About',
  'settings.about.version': 'Version',
  'settings.about.platform': 'Platform',
  'settings.about.dataDir': 'Data folder',
  'orders.title': 'Orders',
  'orders.empty': 'No orders cached yet. Add a store to sync.',
  'customers.title': 'Customers',
  'customers.empty': 'No customers cached yet.',
  'dashboard.title': 'Dashboard',
  'dashboard.stores': 'Stores',
  'dashboard.noStores': 'No store set up yet.',
  'error.loadFailed': 'Could not load: {message}',
  'common.loading': 'Loading…',
};

export const LOCALES = ['pt-BR', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'pt-BR';

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'pt-BR': ptBR, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
