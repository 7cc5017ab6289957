/**
 * The emails Staykeep sends, in French and English. Plain text: it reads
 * everywhere, and every link is shown in full.
 */
export type EmailLocale = 'en' | 'fr';

export interface RenderedEmail {
  subject: string;
  text: string;
}

export const emailLocale = (locale: string | null | undefined): EmailLocale =>
  locale === 'fr' ? 'fr' : 'en';

export function passwordResetEmail(
  locale: EmailLocale,
  values: { name: string; link: string; minutes: number },
): RenderedEmail {
  if (locale === 'fr') {
    return {
      subject: 'Réinitialiser votre mot de passe Staykeep',
      text: `Bonjour ${values.name},

Pour choisir un nouveau mot de passe, ouvrez ce lien dans les ${values.minutes} minutes :

${values.link}

Le lien ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.
`,
    };
  }
  return {
    subject: 'Reset your Staykeep password',
    text: `Hello ${values.name},

To choose a new password, open this link within ${values.minutes} minutes:

${values.link}

The link works once. If you did not ask for this, ignore this message: your password stays the same.
`,
  };
}
