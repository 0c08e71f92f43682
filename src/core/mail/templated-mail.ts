import type { Language, TranslateFn } from '../../modules/locales.ts';
import type { ViewEngine } from '../../modules/views.ts';
import type { Mailer, OutboxEntry } from './mailer.ts';

export interface TemplatedMail {
  readonly to: string;
  /** The recipient's language: the subject and both bodies are rendered in it. */
  readonly language: Language;
  /** Template path without its ending: `<view>.txt.njk` and `<view>.html.njk` are rendered. */
  readonly view: string;
  readonly subject: (t: TranslateFn) => string;
  /** What the templates read, besides `t`. */
  readonly context: Readonly<Record<string, unknown>>;
  /** The label the outbox lists the message under. */
  readonly template: string;
  readonly platform?: string;
  readonly vendorId?: number;
}

/**
 * Renders a mail in the recipient's language, as text and HTML, and sends
 * it. Text templates print values with `| safe` (there is no HTML to escape);
 * the HTML ones extend `mail/layout.html.njk`.
 */
export function sendTemplatedMail(mailer: Pick<Mailer, 'send'>, views: Pick<ViewEngine, 'translations' | 'render'>, mail: TemplatedMail): Promise<OutboxEntry> {
  const t = views.translations.translator(mail.language);
  const context = { ...mail.context, t };
  return mailer.send({
    to: mail.to,
    subject: mail.subject(t),
    text: views.render(`${mail.view}.txt.njk`, context),
    html: views.render(`${mail.view}.html.njk`, context),
    template: mail.template,
    ...(mail.platform ? { platform: mail.platform } : {}),
    ...(mail.vendorId ? { vendorId: mail.vendorId } : {}),
  });
}
