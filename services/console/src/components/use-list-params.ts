import { useSearchParams, type SetURLSearchParams } from 'react-router-dom';

/** The page sizes a server-paged list offers. */
export const PAGE_SIZES = [10, 20, 50];

export interface ListParams {
  readonly params: URLSearchParams;
  readonly setParams: SetURLSearchParams;
  /** from 1 */
  readonly page: number;
  readonly pageSize: number;
  /** Sets a filter (or clears it, given nothing) and goes back to the first page. */
  readonly setFilter: (name: string, value: string | undefined) => void;
  readonly setPage: (page: number, pageSize: number) => void;
}

/**
 * A server-paged list's place in the address (`page`, `pageSize`) and its filters beside them, so
 * a reload or the way back keeps them; changing a filter goes back to the first page.
 */
export function useListParams(defaultPageSize: number): ListParams {
  const [params, setParams] = useSearchParams();
  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(name);
    else next.set(name, value);
    next.delete('page');
    setParams(next);
  };
  const setPage = (page: number, pageSize: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(page));
    next.set('pageSize', String(pageSize));
    setParams(next);
  };
  return { params, setParams, page: Number(params.get('page') ?? 1), pageSize: Number(params.get('pageSize') ?? defaultPageSize), setFilter, setPage };
}

