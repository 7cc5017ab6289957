import type { BenchContext, Scenario } from './types.ts';

const auth = (context: BenchContext) => ({ authorization: `Bearer ${context.data.token}` });

export const checklistRead: Scenario = {
  name: 'checklist',
  description:
    "GET /api/v1/houses/:id/checklist: a house's open round (18 items, 5 categories), every house in turn",
  requests: (context) =>
    context.data.houseIds.map((houseId) => ({
      path: `/api/v1/houses/${houseId}/checklist`,
      headers: auth(context),
    })),
};

let toggles = 0;

export const checklistToggle: Scenario = {
  name: 'tick',
  description:
    'PUT /api/v1/houses/:id/checklist/items/:itemId: each request ticks or unticks another item of another house (a real change, logged)',
  requests: (context) => [
    {
      method: 'PUT',
      path: '/api/v1/houses',
      headers: auth(context),
      next: () => {
        toggles += 1;
        const houses = context.data.houseIds.length;
        const items = context.data.checklistItemIds.length;
        const houseId = context.data.houseIds[toggles % houses];
        // Skip item 0, ticked while loading; every full pass over the houses and items flips the state.
        const itemId = context.data.checklistItemIds[1 + (Math.floor(toggles / houses) % (items - 1))];
        const completed = Math.floor(toggles / (houses * (items - 1))) % 2 === 0;
        return {
          path: `/api/v1/houses/${houseId}/checklist/items/${itemId}`,
          body: JSON.stringify({ completed }),
        };
      },
    },
  ],
};
