import { http } from '../api/http';
import type { MyRegistrationItem, PageOf } from './public-types';

/** My registrations, every page of them (a person holds a few dozen at most). */
export async function loadMyRegistrations(): Promise<MyRegistrationItem[]> {
  const out: MyRegistrationItem[] = [];
  for (let page = 1; page <= 20; page++) {
    const res = await http.get<PageOf<MyRegistrationItem>>(`/me/registrations?pageSize=100&page=${page}`);
    out.push(...res.items);
    if (out.length >= res.total || res.items.length < 100) break;
  }
  return out;
}
