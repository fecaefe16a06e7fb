import type { Dialog } from 'electron';
import type { Locale } from '../shared/i18n/messages';
import { shellText } from '../shared/i18n/shell-messages';

export interface AboutInfo {
  version: string;
  platform: string;
  dataDir: string;
  /** The update feed built into this app, or null: no feed, no update check. */
  updateFeed: string | null;
}

/** The About box's text: it also says whether this build looks for updates at all. */
export function aboutDetail(locale: Locale, info: AboutInfo): string {
  const updates = info.updateFeed
    ? shellText(locale, 'about.updatesOn', { feed: info.updateFeed })
    : shellText(locale, 'about.updatesOff');
  const { version, platform, dataDir } = info;
  return shellText(locale, 'about.detail', { version, platform, dataDir, updates });
}

export function showAbout(dialog: Pick<Dialog, 'showMessageBox'>, locale: Locale, info: AboutInfo): void {
  void dialog.showMessageBox({
    type: 'info',
    title: shellText(locale, 'about.title'),
    message: 'Balcão',
    detail: aboutDetail(locale, info),
    buttons: [shellText(locale, 'common.ok')],
  });
}

export function showCrashNotice(
  dialog: Pick<Dialog, 'showMessageBox'>,
  locale: Locale,
  outcome: 'reloaded' | 'gave-up',
  reason: string,
): void {
  void dialog.showMessageBox({
    type: 'warning',
    title: shellText(locale, 'crash.title'),
    message: shellText(locale, outcome === 'reloaded' ? 'crash.reloaded' : 'crash.gaveUp', { reason }),
    buttons: [shellText(locale, 'common.ok')],
  });
}
