import type { ChecklistItemType } from '../../db/tables.ts';

interface DefaultItem {
  description: string;
  product: string | null;
  type: ChecklistItemType;
}

/**
 * The checklist a new organization starts with, in its language: what a
 * cleaning team does between two stays in a holiday house, room by room.
 * The admin changes it freely afterwards.
 */
export const DEFAULT_CHECKLISTS: Record<'fr' | 'en', { category: string; items: DefaultItem[] }[]> = {
  fr: [
    {
      category: 'Entrée',
      items: [
        { description: 'Aérer et balayer l’entrée', product: 'Balai, serpillière', type: 'cleaning' },
        { description: 'Vérifier les clés et le boîtier à clés', product: null, type: 'inspection' },
        { description: 'Nettoyer la porte et les poignées', product: 'Spray désinfectant', type: 'cleaning' },
      ],
    },
    {
      category: 'Cuisine',
      items: [
        {
          description: 'Vider et nettoyer le réfrigérateur',
          product: 'Nettoyant multi-usage',
          type: 'cleaning',
        },
        {
          description: 'Laver la vaisselle laissée et la ranger',
          product: 'Liquide vaisselle',
          type: 'cleaning',
        },
        { description: 'Nettoyer plaques, four et micro-ondes', product: 'Dégraissant', type: 'cleaning' },
        { description: 'Réapprovisionner café, sel, éponges, sacs poubelle', product: null, type: 'upkeep' },
        { description: 'Sortir les poubelles et le tri', product: null, type: 'cleaning' },
      ],
    },
    {
      category: 'Salle de bain',
      items: [
        { description: 'Nettoyer douche, baignoire et lavabo', product: 'Anticalcaire', type: 'cleaning' },
        { description: 'Désinfecter les toilettes', product: 'Gel WC, gants', type: 'cleaning' },
        {
          description: 'Changer les serviettes et le tapis de bain',
          product: 'Linge propre',
          type: 'upkeep',
        },
        { description: 'Réapprovisionner papier toilette, savon, shampoing', product: null, type: 'upkeep' },
      ],
    },
    {
      category: 'Chambres',
      items: [
        {
          description: 'Changer les draps et faire les lits',
          product: 'Linge de lit propre',
          type: 'cleaning',
        },
        {
          description: 'Dépoussiérer et passer l’aspirateur',
          product: 'Aspirateur, chiffon microfibre',
          type: 'cleaning',
        },
        {
          description: 'Vérifier placards et sous les lits (objets oubliés)',
          product: null,
          type: 'inspection',
        },
      ],
    },
    {
      category: 'Extérieur',
      items: [
        {
          description: 'Nettoyer la terrasse et le mobilier de jardin',
          product: 'Balai, jet d’eau',
          type: 'cleaning',
        },
        {
          description: 'Contrôler la piscine (niveau, pH, chlore)',
          product: 'Trousse d’analyse',
          type: 'inspection',
        },
        { description: 'Vérifier éclairage extérieur et arrosage', product: null, type: 'upkeep' },
      ],
    },
  ],
  en: [
    {
      category: 'Entrance',
      items: [
        { description: 'Air and sweep the entrance', product: 'Broom, mop', type: 'cleaning' },
        { description: 'Check the keys and the key box', product: null, type: 'inspection' },
        { description: 'Wipe the door and handles', product: 'Disinfectant spray', type: 'cleaning' },
      ],
    },
    {
      category: 'Kitchen',
      items: [
        { description: 'Empty and clean the fridge', product: 'All-purpose cleaner', type: 'cleaning' },
        { description: 'Wash and put away any dishes left', product: 'Washing-up liquid', type: 'cleaning' },
        { description: 'Clean hob, oven and microwave', product: 'Degreaser', type: 'cleaning' },
        { description: 'Restock coffee, salt, sponges, bin bags', product: null, type: 'upkeep' },
        { description: 'Take out the rubbish and recycling', product: null, type: 'cleaning' },
      ],
    },
    {
      category: 'Bathroom',
      items: [
        { description: 'Clean shower, bath and basin', product: 'Limescale remover', type: 'cleaning' },
        { description: 'Disinfect the toilet', product: 'Toilet gel, gloves', type: 'cleaning' },
        { description: 'Change towels and bath mat', product: 'Clean linen', type: 'upkeep' },
        { description: 'Restock toilet paper, soap, shampoo', product: null, type: 'upkeep' },
      ],
    },
    {
      category: 'Bedrooms',
      items: [
        { description: 'Change the sheets and make the beds', product: 'Clean bed linen', type: 'cleaning' },
        { description: 'Dust and vacuum', product: 'Vacuum cleaner, microfibre cloth', type: 'cleaning' },
        {
          description: 'Check wardrobes and under beds for forgotten items',
          product: null,
          type: 'inspection',
        },
      ],
    },
    {
      category: 'Outdoor',
      items: [
        { description: 'Clean the terrace and garden furniture', product: 'Broom, hose', type: 'cleaning' },
        { description: 'Check the pool (level, pH, chlorine)', product: 'Test kit', type: 'inspection' },
        { description: 'Check outdoor lights and watering', product: null, type: 'upkeep' },
      ],
    },
  ],
};
