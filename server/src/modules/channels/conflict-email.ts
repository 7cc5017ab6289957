import type { EmailLocale, RenderedEmail } from '../email/templates.ts';

/** Tells a manager a channel's feed holds dates already taken in the house: a double booking to settle. */
export function conflictEmail(
  locale: EmailLocale,
  values: {
    name: string;
    house: string;
    channel: string;
    link: string;
    events: { start: string; end: string }[];
  },
): RenderedEmail {
  const ranges = values.events.map((event) => `  ${event.start} → ${event.end}`).join('\n');
  if (locale === 'fr') {
    return {
      subject: `Conflit de calendrier : ${values.house} (${values.channel})`,
      text: `Bonjour ${values.name},

Le calendrier « ${values.channel} » de ${values.house} contient des dates déjà prises dans Staykeep (séjour ou blocage d’une autre source) :

${ranges}

Rien n’a été supprimé : les deux côtés sont gardés jusqu’à ce que vous annuliez ou déplaciez l’un d’eux.

${values.link}
`,
    };
  }
  return {
    subject: `Calendar conflict: ${values.house} (${values.channel})`,
    text: `Hello ${values.name},

The "${values.channel}" calendar of ${values.house} holds dates already taken in Staykeep (a stay or block from another source):

${ranges}

Nothing was removed: both sides are kept until you cancel or move one of them.

${values.link}
`,
  };
}
