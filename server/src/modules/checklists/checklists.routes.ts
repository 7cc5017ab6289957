import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { expectedVersion, setEtag } from '../../http/versions.ts';
import { ALL_ROLES, MANAGERS, TEAM } from '../../kernel/access.ts';
import {
  CategoryBody,
  CategoryOrderBody,
  CategoryParams,
  checklistSchemas,
  HouseItemParams,
  HouseParams,
  HouseRoundParams,
  ItemCreateBody,
  ItemOrderBody,
  ItemParams,
  ItemUpdateBody,
  RoundListQuery,
  ToggleBody,
} from './checklists.schemas.ts';
import type { ChecklistsService } from './checklists.service.ts';

const tags = ['checklists'];

export async function checklistRoutes(app: AppInstance, checklists: ChecklistsService): Promise<void> {
  for (const schema of checklistSchemas) app.addSchema(schema);

  // --- the template ---------------------------------------------------------------

  app.get(
    '/api/v1/checklist',
    {
      config: { policy: TEAM },
      schema: {
        tags,
        summary: 'The checklist template: categories in order, each with its items',
        operationId: 'getChecklistTemplate',
        response: { 200: Type.Ref('ChecklistTemplate') },
      },
    },
    async (request) => checklists.template(memberOf(request)),
  );

  app.post(
    '/api/v1/checklist/defaults',
    {
      config: { policy: MANAGERS },
      schema: {
        tags,
        summary: "Fill an empty template with the default checklist, in the organization's language",
        operationId: 'addDefaultChecklist',
        response: { 200: Type.Ref('ChecklistTemplate') },
      },
    },
    async (request) => checklists.addDefaults(memberOf(request)),
  );

  app.post(
    '/api/v1/checklist/categories',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags,
        summary: 'Add a category at the end',
        operationId: 'createChecklistCategory',
        body: CategoryBody,
        response: { 201: Type.Ref('ChecklistTemplateCategory') },
      },
    },
    async (request, reply) => {
      const category = await checklists.createCategory(memberOf(request), request.body.name);
      setEtag(reply, category.version);
      return reply.code(201).header('Location', `/api/v1/checklist/categories/${category.id}`).send(category);
    },
  );

  app.put(
    '/api/v1/checklist/categories/order',
    {
      config: { policy: MANAGERS },
      schema: {
        tags,
        summary: 'Put the categories in a new order (every category, once)',
        operationId: 'orderChecklistCategories',
        body: CategoryOrderBody,
        response: { 200: Type.Ref('ChecklistTemplate') },
      },
    },
    async (request) => checklists.orderCategories(memberOf(request), request.body.categoryIds),
  );

  app.patch(
    '/api/v1/checklist/categories/:categoryId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags,
        summary: 'Rename a category (If-Match: its ETag)',
        operationId: 'renameChecklistCategory',
        params: CategoryParams,
        body: CategoryBody,
        response: { 200: Type.Ref('ChecklistTemplateCategory') },
      },
    },
    async (request, reply) => {
      const category = await checklists.renameCategory(
        memberOf(request),
        request.params.categoryId,
        request.body.name,
        expectedVersion(request),
      );
      setEtag(reply, category.version);
      return category;
    },
  );

  app.delete(
    '/api/v1/checklist/categories/:categoryId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags,
        summary: 'Delete an empty category',
        operationId: 'deleteChecklistCategory',
        params: CategoryParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await checklists.deleteCategory(memberOf(request), request.params.categoryId, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/checklist/categories/:categoryId/order',
    {
      config: { policy: MANAGERS },
      schema: {
        tags,
        summary: "Put a category's items in a new order: their step numbers become 1, 2, 3…",
        operationId: 'orderChecklistItems',
        params: CategoryParams,
        body: ItemOrderBody,
        response: { 200: Type.Ref('ChecklistTemplateCategory') },
      },
    },
    async (request) =>
      checklists.orderItems(memberOf(request), request.params.categoryId, request.body.itemIds),
  );

  app.post(
    '/api/v1/checklist/items',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags,
        summary: 'Add an item at the end of its category',
        operationId: 'createChecklistItem',
        body: ItemCreateBody,
        response: { 201: Type.Ref('ChecklistTemplateItem') },
      },
    },
    async (request, reply) => {
      const item = await checklists.createItem(memberOf(request), request.body);
      setEtag(reply, item.version);
      return reply.code(201).header('Location', `/api/v1/checklist/items/${item.id}`).send(item);
    },
  );

  app.patch(
    '/api/v1/checklist/items/:itemId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags,
        summary: 'Change an item (If-Match: its ETag); finished rounds keep what they recorded',
        operationId: 'updateChecklistItem',
        params: ItemParams,
        body: ItemUpdateBody,
        response: { 200: Type.Ref('ChecklistTemplateItem') },
      },
    },
    async (request, reply) => {
      const item = await checklists.updateItem(
        memberOf(request),
        request.params.itemId,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, item.version);
      return item;
    },
  );

  app.delete(
    '/api/v1/checklist/items/:itemId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags,
        summary: 'Delete an item; finished rounds keep it in their record',
        operationId: 'deleteChecklistItem',
        params: ItemParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await checklists.deleteItem(memberOf(request), request.params.itemId, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );

  // --- a house's checklist --------------------------------------------------------

  app.get(
    '/api/v1/checklist/readiness',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags,
        summary: 'Whether each house is ready, from its current round (houses with no round yet are ready)',
        operationId: 'getReadiness',
        response: { 200: Type.Ref('HouseReadiness') },
      },
    },
    async (request) => checklists.readiness(memberOf(request)),
  );

  app.get(
    '/api/v1/houses/:houseId/checklist',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags,
        summary: "The house's current round: categories with their items, progress and readiness",
        operationId: 'getHouseChecklist',
        params: HouseParams,
        response: { 200: Type.Ref('HouseChecklist') },
      },
    },
    async (request) => checklists.checklist(memberOf(request), request.params.houseId),
  );

  app.put(
    '/api/v1/houses/:houseId/checklist/items/:itemId',
    {
      config: { policy: TEAM },
      schema: {
        tags,
        summary: 'Tick or untick an item of the current round; the same call twice changes nothing',
        operationId: 'setChecklistItem',
        params: HouseItemParams,
        body: ToggleBody,
        response: { 200: Type.Ref('HouseChecklist') },
      },
    },
    async (request) =>
      checklists.toggle(
        memberOf(request),
        request.params.houseId,
        request.params.itemId,
        request.body.completed,
      ),
  );

  app.get(
    '/api/v1/houses/:houseId/checklist/rounds',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags,
        summary: "The house's turnover rounds, latest first",
        operationId: 'listTurnoverRounds',
        params: HouseParams,
        querystring: RoundListQuery,
        response: { 200: Type.Ref('TurnoverRoundList') },
      },
    },
    async (request) => checklists.rounds(memberOf(request), request.params.houseId, request.query),
  );

  app.get(
    '/api/v1/houses/:houseId/checklist/rounds/:roundId',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags,
        summary: 'One round as it was done, with the log of every tick and untick',
        operationId: 'getTurnoverRound',
        params: HouseRoundParams,
        response: { 200: Type.Ref('TurnoverRoundDetail') },
      },
    },
    async (request) => checklists.round(memberOf(request), request.params.houseId, request.params.roundId),
  );
}
