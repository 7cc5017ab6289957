import { Type } from 'typebox';
import { CHECKLIST_ITEM_TYPES } from '../../db/tables.ts';
import { Id as InputId, Line, Name } from '../../http/inputs.ts';
import { PageQuery } from '../../http/pagination.ts';

const Instant = Type.String({ format: 'date-time' });
const NullableInstant = Type.Union([Instant, Type.Null()]);
const ItemType = Type.Enum(CHECKLIST_ITEM_TYPES, { $id: 'ChecklistItemType' });
const Id = InputId();

// --- the template -------------------------------------------------------------------

export const TemplateItemSchema = Type.Object(
  {
    id: Type.String(),
    categoryId: Type.String(),
    stepNumber: Type.Integer(),
    description: Type.String(),
    productRequired: Type.Union([Type.String(), Type.Null()]),
    type: Type.Ref('ChecklistItemType'),
    appliesToAll: Type.Boolean(),
    houseIds: Type.Array(Type.String(), { description: 'The houses it applies to when not all' }),
    active: Type.Boolean(),
    version: Type.Integer(),
  },
  { $id: 'ChecklistTemplateItem', additionalProperties: false },
);

export const TemplateCategorySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    position: Type.Integer(),
    version: Type.Integer(),
    items: Type.Array(Type.Ref('ChecklistTemplateItem')),
  },
  { $id: 'ChecklistTemplateCategory', additionalProperties: false },
);

export const TemplateSchema = Type.Object(
  { categories: Type.Array(Type.Ref('ChecklistTemplateCategory')) },
  { $id: 'ChecklistTemplate', additionalProperties: false },
);

export const CategoryBody = Type.Object({ name: Name(100) }, { additionalProperties: false });

export const ItemCreateBody = Type.Object(
  {
    categoryId: Id,
    description: Name(500),
    productRequired: Type.Optional(Type.Union([Line(200), Type.Null()])),
    type: Type.Enum(CHECKLIST_ITEM_TYPES),
    // No schema default: the update body shares this field, and a default would reset the houses of every edit.
    appliesToAll: Type.Optional(Type.Boolean({ description: 'true when omitted on create' })),
    houseIds: Type.Optional(Type.Array(Id, { maxItems: 1000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ItemUpdateBody = Type.Partial(ItemCreateBody, { additionalProperties: false, minProperties: 1 });

export const CategoryOrderBody = Type.Object(
  { categoryIds: Type.Array(Id, { maxItems: 500, description: 'Every category, in the new order' }) },
  { additionalProperties: false },
);

export const ItemOrderBody = Type.Object(
  {
    itemIds: Type.Array(Id, { maxItems: 1000, description: 'Every item of the category, in the new order' }),
  },
  { additionalProperties: false },
);

export const CategoryParams = Type.Object({ categoryId: Id });
export const ItemParams = Type.Object({ itemId: Id });

// --- a house's checklist ------------------------------------------------------------

const Person = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);

const RoundItem = Type.Object(
  {
    id: Type.String({ description: 'The template item' }),
    stepNumber: Type.Integer(),
    description: Type.String(),
    productRequired: Type.Union([Type.String(), Type.Null()]),
    type: Type.Ref('ChecklistItemType'),
    completed: Type.Boolean(),
    completedAt: NullableInstant,
    completedBy: Person,
  },
  { additionalProperties: false },
);

const RoundCategory = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    done: Type.Integer(),
    total: Type.Integer(),
    ready: Type.Boolean(),
    readyAt: NullableInstant,
    items: Type.Array(RoundItem),
  },
  { additionalProperties: false },
);

const RoundSummary = Type.Object(
  {
    id: Type.String(),
    reservationId: Type.Union([Type.String(), Type.Null()]),
    openedAt: Instant,
    completedAt: NullableInstant,
    closedAt: NullableInstant,
    skipped: Type.Union(
      [
        Type.Object(
          {
            at: Instant,
            by: Person,
            reservationId: Type.Union([Type.String(), Type.Null()], {
              description: 'The stay whose check-in closed it',
            }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ],
      {
        description: 'Set when the next guest checked in before the round was done: it was closed as skipped',
      },
    ),
    done: Type.Integer(),
    total: Type.Integer(),
  },
  { $id: 'TurnoverRound', additionalProperties: false },
);

export const ChecklistSchema = Type.Object(
  {
    houseId: Type.String(),
    houseName: Type.String(),
    ready: Type.Boolean({
      description:
        'Every category of the round is done (a new house starts with an opening round, not ready)',
    }),
    readySince: NullableInstant,
    round: Type.Ref('TurnoverRound', {
      description:
        'The open round; when a check-in closed it as skipped, that one, until the next departure or tick opens another',
    }),
    nextArrival: Type.Union([
      Type.Object({ reservationId: Type.String(), checkIn: Type.String() }, { additionalProperties: false }),
      Type.Null(),
    ]),
    done: Type.Integer(),
    total: Type.Integer(),
    categories: Type.Array(RoundCategory),
  },
  { $id: 'HouseChecklist', additionalProperties: false },
);

export const RoundDetailSchema = Type.Object(
  {
    round: Type.Ref('TurnoverRound'),
    categories: Type.Array(RoundCategory),
    log: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          itemId: Type.String(),
          description: Type.Union([Type.String(), Type.Null()]),
          completed: Type.Boolean(),
          at: Instant,
          user: Person,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'TurnoverRoundDetail', additionalProperties: false },
);

export const RoundListSchema = Type.Object(
  { items: Type.Array(Type.Ref('TurnoverRound')), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'TurnoverRoundList', additionalProperties: false },
);

export const ReadinessSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          houseId: Type.String(),
          ready: Type.Boolean(),
          readySince: NullableInstant,
          roundId: Type.String(),
          done: Type.Integer(),
          total: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'HouseReadiness', additionalProperties: false },
);

export const ToggleBody = Type.Object({ completed: Type.Boolean() }, { additionalProperties: false });
export const HouseItemParams = Type.Object({ houseId: Id, itemId: Id });
export const HouseRoundParams = Type.Object({ houseId: Id, roundId: Id });
export const HouseParams = Type.Object({ houseId: Id });
export const RoundListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const checklistSchemas = [
  ItemType,
  TemplateItemSchema,
  TemplateCategorySchema,
  TemplateSchema,
  RoundSummary,
  ChecklistSchema,
  RoundDetailSchema,
  RoundListSchema,
  ReadinessSchema,
];
