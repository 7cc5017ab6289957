import { Type } from 'typebox';
import type { AppInstance } from '../../http/types.ts';
import { InstanceSchema } from './instance.schemas.ts';
import { describeInstance } from './instance.service.ts';

export async function instanceRoutes(app: AppInstance): Promise<void> {
  app.addSchema(InstanceSchema);

  app.get(
    '/api/v1/instance',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['instance'],
        summary: 'Name and version of this installation (no authentication)',
        operationId: 'getInstance',
        response: { 200: Type.Ref('Instance') },
      },
    },
    () => describeInstance(app.db, app.appVersion),
  );
}
