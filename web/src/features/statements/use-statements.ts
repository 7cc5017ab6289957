import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type Schemas, unwrap } from '../../lib/api/client.ts';
import { saveFile } from '../../lib/download.ts';

export type OwnerStatement = Schemas['OwnerStatement'];
export type OwnerContract = Schemas['OwnerContract'];
export type OwnerContractInput = BodyOf<'/api/v1/houses/{houseId}/owner-contracts', 'post'>;

async function fetchStatement(houseId: string, month: string): Promise<OwnerStatement> {
  // The route also answers a PDF or a CSV: without a format asked, it is the JSON statement.
  return unwrap(
    await api.GET('/api/v1/owner-statements', { params: { query: { houseId, month } } }),
  ) as OwnerStatement;
}

async function fetchContracts(houseId: string) {
  return unwrap(await api.GET('/api/v1/houses/{houseId}/owner-contracts', { params: { path: { houseId } } }))
    .items;
}

/** A house's statement of a month: its stays, its entries, the commission and what is due to the owner. */
export function useStatement(houseId: string | undefined, month: string) {
  return useQuery({
    queryKey: ['finance', 'statement', houseId, month],
    queryFn: () => fetchStatement(houseId ?? '', month),
    enabled: houseId !== undefined,
  });
}

/** The statement as the PDF or the CSV the API prints, saved under its own name. */
export async function downloadStatement(query: {
  houseId: string;
  month: string;
  format: 'pdf' | 'csv';
  lang: string;
  fileName: string;
}): Promise<void> {
  const { fileName, ...rest } = query;
  const blob = unwrap(
    await api.GET('/api/v1/owner-statements', {
      params: { query: { ...rest, lang: rest.lang === 'fr' ? 'fr' : 'en' } },
      parseAs: 'blob',
    }),
  ) as unknown as Blob;
  saveFile(blob, fileName);
}

/** The owner's contracts of a house, the commission each sets from its month on. */
export function useOwnerContracts(houseId: string, enabled = true) {
  return useQuery({
    queryKey: ['finance', 'owner-contracts', houseId],
    queryFn: () => fetchContracts(houseId),
    enabled,
  });
}

export function useAddOwnerContract(houseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: OwnerContractInput) =>
      unwrap(
        await api.POST('/api/v1/houses/{houseId}/owner-contracts', { params: { path: { houseId } }, body }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}

export function useRemoveOwnerContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (contractId: string) =>
      unwrap(await api.DELETE('/api/v1/owner-contracts/{id}', { params: { path: { id: contractId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}
