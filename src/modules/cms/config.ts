import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '../config.ts';

/** Settings of the cms module, read from `CMS_*` variables. */
export const configSchema = Type.Object(
  {
    /** @default 10 */
    maxUploadMb: Type.Integer({
      default: 10,
      minimum: 1,
      maximum: 100,
      description: 'Largest file the media library accepts, in megabytes (CMS_MAX_UPLOAD_MB).',
    }),
  },
  { additionalProperties: false },
);

export type CmsConfig = Static<typeof configSchema>;

export const config = loadModuleConfig('cms', configSchema);
