import type { RouterInstance } from '../../../../routes.ts';

// TEMPORARY (lead): replaced by the helper that owns this part.
export async function companiesApi(_r: RouterInstance): Promise<void> {}
