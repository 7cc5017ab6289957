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

const ROLE_NAMES: Record<EmailLocale, Record<string, string>> = {
  en: { admin: 'administrator', manager: 'manager', staff: 'team member', owner: 'owner' },
  fr: {
    admin: 'administrateur',
    manager: 'gestionnaire',
    staff: 'membre de l’équipe',
    owner: 'propriétaire',
  },
};

export function invitationEmail(
  locale: EmailLocale,
  values: { organizationName: string; inviterName: string; role: string; link: string; days: number },
): RenderedEmail {
  const role = ROLE_NAMES[locale][values.role] ?? values.role;
  if (locale === 'fr') {
    return {
      subject: `Invitation à rejoindre ${values.organizationName} sur Staykeep`,
      text: `Bonjour,

${values.inviterName} vous invite à rejoindre ${values.organizationName} sur Staykeep en tant que ${role}.

Pour accepter, ouvrez ce lien dans les ${values.days} jours :

${values.link}

Si vous ne vous attendiez pas à cette invitation, ignorez ce message.
`,
    };
  }
  return {
    subject: `Join ${values.organizationName} on Staykeep`,
    text: `Hello,

${values.inviterName} invites you to join ${values.organizationName} on Staykeep as ${role}.

To accept, open this link within ${values.days} days:

${values.link}

If you did not expect this invitation, ignore this message.
`,
  };
}

export function verificationEmail(
  locale: EmailLocale,
  values: { name: string; link: string },
): RenderedEmail {
  if (locale === 'fr') {
    return {
      subject: 'Confirmez votre adresse email Staykeep',
      text: `Bonjour ${values.name},

Pour confirmer que cette adresse est bien la vôtre, ouvrez ce lien :

${values.link}

Si vous n’avez pas créé de compte Staykeep, ignorez ce message.
`,
    };
  }
  return {
    subject: 'Confirm your Staykeep email address',
    text: `Hello ${values.name},

To confirm this address is yours, open this link:

${values.link}

If you did not create a Staykeep account, ignore this message.
`,
  };
}
