import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, everyPage, ifMatch, type Schemas, unwrap } from '../../lib/api/client.ts';

export type House = Schemas['House'] | Schemas['HouseStaffView'];
export type HouseInput = BodyOf<'/api/v1/houses', 'post'>;
export type Site = Schemas['Site'];

/** Every house the member may see, active and inactive, in code order (pages of 200 followed). */
export function useHouses() {
  return useQuery({
    queryKey: ['houses'],
    queryFn: () =>
      everyPage(async (cursor) =>
        unwrap(await api.GET('/api/v1/houses', { params: { query: { limit: 200, cursor } } })),
      ),
  });
}

export function useSites() {
  return useQuery({
    queryKey: ['sites'],
    queryFn: async () => unwrap(await api.GET('/api/v1/sites', { params: { query: { limit: 200 } } })).items,
  });
}

export function useSaveHouse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      house,
      values,
      idempotencyKey,
    }: {
      house?: House;
      values: Partial<HouseInput>;
      idempotencyKey: string;
    }) =>
      house
        ? unwrap(
            await api.PATCH('/api/v1/houses/{houseId}', {
              params: { path: { houseId: house.id } },
              headers: ifMatch(house.version),
              body: values,
            }),
          )
        : unwrap(
            await api.POST('/api/v1/houses', {
              headers: { 'Idempotency-Key': idempotencyKey },
              body: values as HouseInput,
            }),
          ),
    // A new house opens its first cleaning round: readiness and the day's work change with it.
    onSettled: () =>
      Promise.all(
        ['houses', 'calendar', 'sites', 'readiness', 'operations'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  });
}

export function useSaveSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      site,
      values,
      idempotencyKey,
    }: {
      site?: Site;
      values: { name: string; address: string | null };
      idempotencyKey: string;
    }) =>
      site
        ? unwrap(
            await api.PATCH('/api/v1/sites/{siteId}', {
              params: { path: { siteId: site.id } },
              headers: ifMatch(site.version),
              body: values,
            }),
          )
        : unwrap(
            await api.POST('/api/v1/sites', { body: values, headers: { 'Idempotency-Key': idempotencyKey } }),
          ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['sites'] }),
  });
}

export function useDeleteSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (site: Site) =>
      unwrap(
        await api.DELETE('/api/v1/sites/{siteId}', {
          params: { path: { siteId: site.id } },
          headers: ifMatch(site.version),
        }),
      ),
    onSettled: () =>
      Promise.all(['houses', 'sites'].map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });
}
