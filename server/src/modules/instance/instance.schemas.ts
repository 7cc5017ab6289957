import { Type } from 'typebox';

export const InstanceSchema = Type.Object(
  {
    name: Type.String({ description: 'The name this installation shows to its users' }),
    version: Type.String({ description: 'Staykeep version' }),
  },
  { $id: 'Instance', additionalProperties: false },
);
