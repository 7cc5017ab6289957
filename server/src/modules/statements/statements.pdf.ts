import { createRequire } from 'node:module';
import type { Statement } from './statements.service.ts';

export type Language = 'fr' | 'en';

/** The part of pdfmake's server API used here (the package ships no types). */
interface PdfMake {
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(allowed: (url: string) => boolean): void;
  setLocalAccessPolicy(allowed: (path: string) => boolean): void;
  createPdf(document: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const HELVETICA = {
  normal: 'Helvetica',
  bold: 'Helvetica-Bold',
  italics: 'Helvetica-Oblique',
  bolditalics: 'Helvetica-BoldOblique',
};
const STANDARD_FONTS = new Set(Object.values(HELVETICA));

// pdfmake is CommonJS and one shared instance: set up once, for this module's documents only.
const pdfmake = createRequire(import.meta.url)('pdfmake') as PdfMake;
// The standard PDF fonts are built into every reader: no font file is read, and nothing else may be.
pdfmake.setFonts({ Helvetica: HELVETICA });
pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.has(path));
pdfmake.setUrlAccessPolicy(() => false);

const WORDS = {
  en: {
    title: 'Owner statement',
    house: 'House',
    month: 'Month',
    closedMonth: 'Closed month',
    openMonth: 'Provisional: the month’s books are still open',
    stays: 'Stays',
    noStays: 'No stay this month.',
    checkIn: 'Arrival',
    checkOut: 'Departure',
    nights: 'Nights in the month',
    channel: 'Channel',
    guest: 'Guest',
    accommodation: 'Accommodation',
    entries: 'Ledger entries',
    noEntries: 'No entry this month.',
    date: 'Date',
    category: 'Category',
    description: 'Description',
    amount: 'Amount',
    heldNote: 'held deposit, not counted',
    totals: 'Totals',
    income: 'Income',
    expense: 'Expenses',
    touristTax: 'Tourist tax collected (owed to the commune, no commission)',
    commission: (accommodation: string, income: string) =>
      `Management commission (${accommodation} of accommodation, ${income} of income excluding tourist tax)`,
    noContract: 'Management commission (no contract)',
    net: 'Net due to the owner',
    generated: 'Generated',
    sources: { direct: 'Direct', airbnb: 'Airbnb', booking: 'Booking.com', vrbo: 'Vrbo', other: 'Other' },
    categories: {
      rent: 'Rent',
      cleaning_fee: 'Cleaning fee',
      extra: 'Extra',
      tourist_tax: 'Tourist tax',
      channel_fee: 'Channel fee',
      commission: 'Commission',
      deposit: 'Deposit',
      deposit_return: 'Deposit returned',
      refund: 'Refund',
      maintenance: 'Maintenance',
      supplies: 'Supplies',
      utilities: 'Utilities',
      insurance: 'Insurance',
      tax: 'Tax',
      other: 'Other',
    },
  },
  fr: {
    title: 'Relevé propriétaire',
    house: 'Logement',
    month: 'Mois',
    closedMonth: 'Mois clôturé',
    openMonth: 'Provisoire : les comptes du mois ne sont pas clôturés',
    stays: 'Séjours',
    noStays: 'Aucun séjour ce mois-ci.',
    checkIn: 'Arrivée',
    checkOut: 'Départ',
    nights: 'Nuits dans le mois',
    channel: 'Canal',
    guest: 'Voyageur',
    accommodation: 'Hébergement',
    entries: 'Écritures',
    noEntries: 'Aucune écriture ce mois-ci.',
    date: 'Date',
    category: 'Catégorie',
    description: 'Libellé',
    amount: 'Montant',
    heldNote: 'caution détenue, non comptée',
    totals: 'Totaux',
    income: 'Recettes',
    expense: 'Dépenses',
    touristTax: 'Taxe de séjour perçue (due à la commune, hors commission)',
    commission: (accommodation: string, income: string) =>
      `Commission de gestion (${accommodation} de l’hébergement, ${income} des recettes hors taxe de séjour)`,
    noContract: 'Commission de gestion (aucun contrat)',
    net: 'Net dû au propriétaire',
    generated: 'Établi le',
    sources: { direct: 'Direct', airbnb: 'Airbnb', booking: 'Booking.com', vrbo: 'Vrbo', other: 'Autre' },
    categories: {
      rent: 'Loyer',
      cleaning_fee: 'Frais de ménage',
      extra: 'Supplément',
      tourist_tax: 'Taxe de séjour',
      channel_fee: 'Frais de plateforme',
      commission: 'Commission',
      deposit: 'Caution',
      deposit_return: 'Caution restituée',
      refund: 'Remboursement',
      maintenance: 'Entretien',
      supplies: 'Fournitures',
      utilities: 'Charges',
      insurance: 'Assurance',
      tax: 'Impôts',
      other: 'Autre',
    },
  },
} as const;

/** What WinAnsi (Windows-1252) writes beyond Latin-1: the standard fonts have glyphs for these only. */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const LOOK_ALIKES: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', '\u202F': '\u00A0' };

/**
 * Text the standard fonts can write: they encode WinAnsi, and anything else
 * would print as garbage. The narrow no-break space Intl puts between French
 * thousands becomes a no-break space; a letter with an accent WinAnsi lacks
 * loses the accent (Ś → S); what is left becomes "?".
 */
export function printable(text: string): string {
  let result = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char)) {
      result += char;
      continue;
    }
    const base = LOOK_ALIKES[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
    result += base !== char && [...base].every((part) => printable(part) === part) ? base : '?';
  }
  return result;
}

/** Every string of a document made printable. */
function printableDocument(node: unknown): unknown {
  if (typeof node === 'string') return printable(node);
  if (Array.isArray(node)) return node.map(printableDocument);
  if (node && typeof node === 'object' && !(node instanceof Date)) {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, printableDocument(value)]));
  }
  return node;
}

/** Formats of one statement's language and currency. */
function formats(language: Language, currency: string) {
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const percent = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    // Decimal strings go to Intl as they are: it formats them exactly, with no floating point.
    money: (amount: string) => money.format(amount as Intl.StringNumericLiteral),
    // French sets a (no-break) space before the percent sign, English none.
    percent: (rate: string) =>
      `${percent.format(rate as Intl.StringNumericLiteral)}${language === 'fr' ? '\u00A0' : ''}%`,
    day: (date: string) => day.format(new Date(`${date}T00:00:00Z`)),
    month: (value: string) => month.format(new Date(`${value}-01T00:00:00Z`)),
    instant: (value: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
        new Date(value),
      ),
  };
}

const header = (cells: string[]) => cells.map((text) => ({ text, bold: true, fillColor: '#eeeeee' }));
const right = (text: string, extra: Record<string, unknown> = {}) => ({ text, alignment: 'right', ...extra });

/** The statement as a printable PDF in A4, dated when the statement was generated. */
export function renderStatementPdf(statement: Statement, language: Language): Promise<Buffer> {
  const words = WORDS[language];
  const format = formats(language, statement.currency);
  const stays =
    statement.stays.length === 0
      ? { text: words.noStays, italics: true }
      : {
          table: {
            headerRows: 1,
            widths: ['auto', 'auto', 'auto', 'auto', '*', 'auto'],
            body: [
              header([
                words.checkIn,
                words.checkOut,
                words.nights,
                words.channel,
                words.guest,
                words.accommodation,
              ]),
              ...statement.stays.map((stay) => [
                format.day(stay.checkIn),
                format.day(stay.checkOut),
                right(String(stay.nights)),
                words.sources[stay.source],
                stay.guestName,
                right(format.money(stay.accommodation)),
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
        };
  const entries =
    statement.entries.length === 0
      ? { text: words.noEntries, italics: true }
      : {
          table: {
            headerRows: 1,
            widths: ['auto', 'auto', '*', 'auto'],
            body: [
              header([words.date, words.category, words.description, words.amount]),
              ...statement.entries.map((entry) => {
                const signed = entry.type === 'expense' ? `-${entry.amount}` : entry.amount;
                return [
                  format.day(entry.date),
                  words.categories[entry.category],
                  entry.held ? `${entry.description} (${words.heldNote})` : entry.description,
                  right(format.money(signed), entry.held ? { italics: true, color: '#666666' } : {}),
                ];
              }),
            ],
          },
          layout: 'lightHorizontalLines',
        };
  const contract = statement.contract;
  // French typography puts a (no-break) space before a colon.
  const colon = language === 'fr' ? '\u00A0:' : ':';
  const totals = [
    [words.accommodation, format.money(statement.accommodation)],
    [words.income, format.money(statement.income)],
    [words.expense, format.money(statement.expense)],
    [words.touristTax, format.money(statement.touristTax)],
    [
      contract
        ? words.commission(format.percent(contract.accommodationRate), format.percent(contract.incomeRate))
        : words.noContract,
      format.money(statement.commission),
    ],
  ];
  const document = {
    info: {
      title: `${words.title} ${statement.houseCode} ${statement.month}`,
      author: statement.organizationName,
      // Fixed to the statement's own date: a closed month's PDF is the same bytes each time it is printed.
      creationDate: new Date(statement.generatedAt),
    },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: 'Helvetica', fontSize: 9 },
    content: [
      { text: statement.organizationName, fontSize: 11, bold: true },
      { text: words.title, fontSize: 18, bold: true, margin: [0, 6, 0, 6] },
      { text: `${words.house}${colon} ${statement.houseCode} — ${statement.houseName}` },
      { text: `${words.month}${colon} ${format.month(statement.month)}` },
      {
        text: statement.closed ? words.closedMonth : words.openMonth,
        italics: true,
        margin: [0, 2, 0, 12],
      },
      { text: words.stays, fontSize: 12, bold: true, margin: [0, 0, 0, 4] },
      stays,
      { text: words.entries, fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      entries,
      { text: words.totals, fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      {
        table: {
          widths: ['*', 'auto'],
          body: [
            ...totals.map(([label, value]) => [label, right(value ?? '')]),
            [{ text: words.net, bold: true }, right(format.money(statement.net), { bold: true })],
          ],
        },
        layout: 'lightHorizontalLines',
      },
      {
        text: `${words.generated} ${format.instant(statement.generatedAt)} UTC`,
        fontSize: 7,
        color: '#666666',
        margin: [0, 16, 0, 0],
      },
    ],
  };
  return pdfmake.createPdf(printableDocument(document) as Record<string, unknown>).getBuffer();
}
