import type { ScaffoldContext } from '../scaffold-context.ts';

/** `tasks/index.ts`: what task discovery reads; each task runs on the queue, per platform by default. */
export function renderTasks(c: ScaffoldContext): string {
  return `import { defineTask } from '${c.importFrom('tasks', 'queue')}';
import { ${c.pascal}Service } from '../services/${c.code}.service.ts';

/**
 * Logs how many items a platform has. Not scheduled: enqueue it with
 * \`queue.enqueue('${c.code}.count_items', {}, { platform })\`, or add a \`schedule\`.
 */
export const countItems = defineTask({
  name: '${c.code}.count_items',
  attempts: 1,
  async handler(_payload, ctx) {
    const count = await new ${c.pascal}Service(ctx.db).count(ctx.platform);
    ctx.log.info({ count }, '${c.code} items counted');
  },
});

export const tasks = [countItems];
`;
}
