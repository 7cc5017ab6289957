import { Type } from 'typebox';
import { ALL_ROLES, memberOf } from '../../http/access.ts';
import { notFound } from '../../http/errors.ts';
import type { AppInstance } from '../../http/types.ts';
import { findOrganization } from './organizations.repository.ts';
import { OrganizationSchema } from './organizations.schemas.ts';

export async function organizationRoutes(app: AppInstance): Promise<void> {
  app.addSchema(OrganizationSchema);

  app.get(
    '/api/v1/organization',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['organizations'],
        summary: 'The organization this request acts in (X-Organization-Id, else the first membership)',
        operationId: 'getOrganization',
        response: { 200: Type.Ref('Organization') },
      },
    },
    async (request) => {
      const member = memberOf(request);
      const organization = await findOrganization(app.db, member.organizationId);
      if (!organization) throw notFound('No such organization.');
      return { ...organization, role: member.role };
    },
  );
}
