import { afterAll } from 'vitest';
import { dropTemplates } from './test-database.ts';

afterAll(async () => {
  await dropTemplates();
});
