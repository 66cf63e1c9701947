import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Customer } from './types';

export const customerKeys = {
  detail: (id: string) => ['customer', id] as const,
};

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: () => api.get<Customer>(`/api/customers/${encodeURIComponent(id)}`),
  });
}
