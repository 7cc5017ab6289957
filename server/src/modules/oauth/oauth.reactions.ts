import { newId } from '../../db/ids.ts';
import type { DomainEventBus } from '../../kernel/events.ts';
import { insertUserProvider } from './oauth.repository.ts';

/** An account opened through a provider signs in with it from then on. */
export function oauthReactions(events: DomainEventBus): void {
  events.on('user.registeredWithProvider', (tx, account) =>
    insertUserProvider(tx, { id: newId(), ...account }),
  );
}
