import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, ifMatch, newIdempotencyKey, type Schemas, unwrap } from '../../lib/api/client.ts';

export type Checklist = Schemas['HouseChecklist'];
export type Template = Schemas['ChecklistTemplate'];
export type TemplateCategory = Schemas['ChecklistTemplateCategory'];
export type TemplateItem = Schemas['ChecklistTemplateItem'];
export type ItemType = Schemas['ChecklistItemType'];
export type ItemInput = BodyOf<'/api/v1/checklist/items', 'post'>;

export function useChecklist(houseId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['checklist', houseId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/houses/{houseId}/checklist', { params: { path: { houseId } } })),
    // A cleaner's phone: keep showing the last known list when the network drops.
    staleTime: 10_000,
    networkMode: 'offlineFirst',
    enabled: options.enabled ?? true,
  });
}

/** Whether each house is ready, by house id. */
export function useReadiness() {
  return useQuery({
    queryKey: ['readiness'],
    queryFn: async () =>
      new Map(unwrap(await api.GET('/api/v1/checklist/readiness')).items.map((item) => [item.houseId, item])),
  });
}

export function useRounds(houseId: string) {
  return useQuery({
    queryKey: ['checklist', houseId, 'rounds'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/houses/{houseId}/checklist/rounds', {
          params: { path: { houseId }, query: { limit: 20 } },
        }),
      ).items,
  });
}

export function useRound(houseId: string, roundId: string | null) {
  return useQuery({
    queryKey: ['checklist', houseId, 'rounds', roundId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/houses/{houseId}/checklist/rounds/{roundId}', {
          params: { path: { houseId, roundId: roundId ?? '' } },
        }),
      ),
    enabled: roundId !== null,
  });
}

export function useDaily(date: string | undefined) {
  return useQuery({
    queryKey: ['operations', 'daily', date ?? 'today'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/operations/daily', { params: { query: date ? { date } : {} } })),
    refetchInterval: 60_000,
  });
}

export function useTemplate() {
  return useQuery({
    queryKey: ['checklist-template'],
    queryFn: async () => unwrap(await api.GET('/api/v1/checklist')),
  });
}

/** Every template change: the template itself, then what depends on it. */
function useTemplateChange<Input>(change: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: () =>
      Promise.all(
        ['checklist-template', 'checklist', 'readiness'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  });
}

export const useAddDefaults = () =>
  useTemplateChange(async () => unwrap(await api.POST('/api/v1/checklist/defaults')));

export const useSaveCategory = () =>
  useTemplateChange(async ({ category, name }: { category?: TemplateCategory; name: string }) =>
    category
      ? unwrap(
          await api.PATCH('/api/v1/checklist/categories/{categoryId}', {
            params: { path: { categoryId: category.id } },
            headers: ifMatch(category.version),
            body: { name },
          }),
        )
      : unwrap(
          await api.POST('/api/v1/checklist/categories', {
            headers: { 'Idempotency-Key': newIdempotencyKey() },
            body: { name },
          }),
        ),
  );

export const useDeleteCategory = () =>
  useTemplateChange(async (category: TemplateCategory) =>
    unwrap(
      await api.DELETE('/api/v1/checklist/categories/{categoryId}', {
        params: { path: { categoryId: category.id } },
        headers: ifMatch(category.version),
      }),
    ),
  );

export const useOrderCategories = () =>
  useTemplateChange(async (categoryIds: string[]) =>
    unwrap(await api.PUT('/api/v1/checklist/categories/order', { body: { categoryIds } })),
  );

export const useOrderItems = () =>
  useTemplateChange(async ({ categoryId, itemIds }: { categoryId: string; itemIds: string[] }) =>
    unwrap(
      await api.PUT('/api/v1/checklist/categories/{categoryId}/order', {
        params: { path: { categoryId } },
        body: { itemIds },
      }),
    ),
  );

export const useSaveItem = () =>
  useTemplateChange(async ({ item, values }: { item?: TemplateItem; values: Partial<ItemInput> }) =>
    item
      ? unwrap(
          await api.PATCH('/api/v1/checklist/items/{itemId}', {
            params: { path: { itemId: item.id } },
            headers: ifMatch(item.version),
            body: values,
          }),
        )
      : unwrap(
          await api.POST('/api/v1/checklist/items', {
            headers: { 'Idempotency-Key': newIdempotencyKey() },
            body: values as ItemInput,
          }),
        ),
  );

export const useDeleteItem = () =>
  useTemplateChange(async (item: TemplateItem) =>
    unwrap(
      await api.DELETE('/api/v1/checklist/items/{itemId}', {
        params: { path: { itemId: item.id } },
        headers: ifMatch(item.version),
      }),
    ),
  );
