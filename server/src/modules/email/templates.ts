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

/** A notification a member chose to receive by email (notifications module): its title, its text, its link. */
export function notificationEmail(
  locale: EmailLocale,
  values: { name: string; title: string; body: string; link: string | null; organizationName: string },
): RenderedEmail {
  const link = values.link ? `\n${values.link}\n` : '';
  const footer =
    locale === 'fr'
      ? `Vous recevez ce message de ${values.organizationName} sur Staykeep ; choisissez ce que vous recevez dans Notifications > Préférences.`
      : `You receive this from ${values.organizationName} on Staykeep; choose what you receive under Notifications > Preferences.`;
  return {
    subject: values.title,
    text: `${locale === 'fr' ? 'Bonjour' : 'Hello'} ${values.name},

${values.body}
${link}
--
${footer}
`,
  };
}

export interface DigestLine {
  text: string;
}

/** The evening digest for managers: tomorrow's arrivals, departures, houses not ready, urgent work orders. */
export function digestEmail(
  locale: EmailLocale,
  values: {
    name: string;
    organizationName: string;
    /** Tomorrow, as people write it. */
    day: string;
    arrivals: string[];
    departures: string[];
    notReady: string[];
    urgent: string[];
    link: string;
  },
): RenderedEmail {
  const fr = locale === 'fr';
  const section = (heading: string, lines: string[]) =>
    `${heading} (${lines.length})\n${lines.length ? lines.map((line) => `  - ${line}`).join('\n') : fr ? '  aucun' : '  none'}\n`;
  return {
    subject: fr
      ? `Demain, ${values.day} : ${values.organizationName}`
      : `Tomorrow, ${values.day}: ${values.organizationName}`,
    text: `${fr ? 'Bonjour' : 'Hello'} ${values.name},

${fr ? `Ce qui vous attend demain, ${values.day} :` : `What tomorrow, ${values.day}, holds:`}

${section(fr ? 'Arrivées' : 'Arrivals', values.arrivals)}
${section(fr ? 'Départs' : 'Departures', values.departures)}
${section(fr ? 'Maisons pas prêtes' : 'Houses not ready', values.notReady)}
${section(fr ? 'Interventions urgentes ouvertes' : 'Urgent open work orders', values.urgent)}
${values.link}

--
${fr ? 'Ce résumé part chaque soir à 18 h ; désactivez-le dans Notifications > Préférences.' : 'This digest leaves every evening at 18:00; turn it off under Notifications > Preferences.'}
`,
  };
}
