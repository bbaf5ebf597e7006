export interface PageRequest {
  /** 1-based. */
  page: number;
  /** 1..100. */
  pageSize: number;
}

export interface CatalogPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export const offsetOf = (p: PageRequest): number => (p.page - 1) * p.pageSize;
