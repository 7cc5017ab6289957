import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { expectedVersion, setEtag } from '../../http/versions.ts';
import { ALL_ROLES, MANAGERS, TEAM } from '../../kernel/access.ts';
import {
  HouseAnyView,
  HouseCreateBody,
  HouseListQuery,
  HouseParams,
  HouseUpdateBody,
  houseSchemas,
  SiteCreateBody,
  SiteListQuery,
  SiteParams,
  SiteUpdateBody,
} from './houses.schemas.ts';
import type { HousesService } from './houses.service.ts';

export async function houseRoutes(app: AppInstance, houses: HousesService): Promise<void> {
  for (const schema of houseSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/houses',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['houses'],
        summary: 'Houses by code (an owner sees the houses assigned to them; staff see no prices)',
        operationId: 'listHouses',
        querystring: HouseListQuery,
        response: { 200: Type.Ref('HouseList') },
      },
    },
    async (request) => houses.list(memberOf(request), request.query),
  );

  app.post(
    '/api/v1/houses',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags: ['houses'],
        summary: 'Create a house',
        operationId: 'createHouse',
        body: HouseCreateBody,
        response: { 201: Type.Ref('House') },
      },
    },
    async (request, reply) => {
      const house = await houses.create(memberOf(request), request.body);
      setEtag(reply, house.version);
      return reply.code(201).header('Location', `/api/v1/houses/${house.id}`).send(house);
    },
  );

  app.get(
    '/api/v1/houses/:houseId',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['houses'],
        summary: 'One house',
        operationId: 'getHouse',
        params: HouseParams,
        response: { 200: HouseAnyView },
      },
    },
    async (request, reply) => {
      const house = await houses.get(memberOf(request), request.params.houseId);
      setEtag(reply, house.version);
      return house;
    },
  );

  app.patch(
    '/api/v1/houses/:houseId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['houses'],
        summary: 'Change a house (If-Match: its ETag); set status to inactive to retire it',
        operationId: 'updateHouse',
        params: HouseParams,
        body: HouseUpdateBody,
        response: { 200: Type.Ref('House') },
      },
    },
    async (request, reply) => {
      const house = await houses.update(
        memberOf(request),
        request.params.houseId,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, house.version);
      return house;
    },
  );

  app.delete(
    '/api/v1/houses/:houseId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['houses'],
        summary: 'Delete a house that has no history (deactivate it otherwise)',
        operationId: 'deleteHouse',
        params: HouseParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await houses.delete(memberOf(request), request.params.houseId, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/sites',
    {
      config: { policy: TEAM },
      schema: {
        tags: ['houses'],
        summary: 'Sites (groups of houses) by name',
        operationId: 'listSites',
        querystring: SiteListQuery,
        response: { 200: Type.Ref('SiteList') },
      },
    },
    async (request) => houses.listSites(memberOf(request), request.query),
  );

  app.post(
    '/api/v1/sites',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags: ['houses'],
        summary: 'Create a site',
        operationId: 'createSite',
        body: SiteCreateBody,
        response: { 201: Type.Ref('Site') },
      },
    },
    async (request, reply) => {
      const site = await houses.createSite(memberOf(request), request.body);
      setEtag(reply, site.version);
      return reply.code(201).header('Location', `/api/v1/sites/${site.id}`).send(site);
    },
  );

  app.get(
    '/api/v1/sites/:siteId',
    {
      config: { policy: TEAM },
      schema: {
        tags: ['houses'],
        summary: 'One site',
        operationId: 'getSite',
        params: SiteParams,
        response: { 200: Type.Ref('Site') },
      },
    },
    async (request, reply) => {
      const site = await houses.getSite(memberOf(request), request.params.siteId);
      setEtag(reply, site.version);
      return site;
    },
  );

  app.patch(
    '/api/v1/sites/:siteId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['houses'],
        summary: 'Change a site (If-Match: its ETag)',
        operationId: 'updateSite',
        params: SiteParams,
        body: SiteUpdateBody,
        response: { 200: Type.Ref('Site') },
      },
    },
    async (request, reply) => {
      const site = await houses.updateSite(
        memberOf(request),
        request.params.siteId,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, site.version);
      return site;
    },
  );

  app.delete(
    '/api/v1/sites/:siteId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['houses'],
        summary: 'Delete a site; its houses stay, belonging to no site',
        operationId: 'deleteSite',
        params: SiteParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await houses.deleteSite(memberOf(request), request.params.siteId, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );
}
