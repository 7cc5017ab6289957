/** The kinds of work every organization starts with; an admin may relabel them or add others. */
export const DEFAULT_MAINTENANCE_TYPES = [
  { code: 'electrical', labelEn: 'Electrical', labelFr: 'Électricité' },
  { code: 'plumbing', labelEn: 'Plumbing', labelFr: 'Plomberie' },
  { code: 'heating', labelEn: 'Heating and air conditioning', labelFr: 'Chauffage et climatisation' },
  { code: 'appliance', labelEn: 'Appliance', labelFr: 'Électroménager' },
  { code: 'pool', labelEn: 'Pool', labelFr: 'Piscine' },
  { code: 'garden', labelEn: 'Garden', labelFr: 'Jardin' },
  { code: 'other', labelEn: 'Other', labelFr: 'Autre' },
] as const;
