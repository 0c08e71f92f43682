import { defineModule } from '../base.ts';
import { vendorMediaWidget } from './services/media-widget.ts';
import { adminDefaultPagesWidget, storefrontSiteContext, vendorPagesWidget } from './services/page-site.service.ts';

export const definition = defineModule({
  code: 'cms',
  name: 'Content Management',
  description: 'Content pages, media library and themes.',
  version: '1.0.0',
  isCore: true,
  isInternal: false,
  requires: [],
  features: ['content_pages', 'media_library', 'custom_themes'],
  menuItems: {
    admin: [
      { id: 'content-pages', icon: 'file-text', label: 'cms:menu.content-pages', path: '/content-pages', permission: 'cms.pages.view', order: 70 },
      { id: 'media', icon: 'image', label: 'cms:menu.media', path: '/media', permission: 'cms.media.manage', order: 71 },
      { id: 'themes', icon: 'palette', label: 'cms:menu.themes', path: '/themes', permission: 'cms.themes.manage', order: 72 },
    ],
    vendor: [
      { id: 'content-pages', icon: 'file-text', label: 'cms:menu.content-pages', path: '/content-pages', permission: 'cms.pages.view', order: 70 },
      { id: 'media', icon: 'image', label: 'cms:menu.media', path: '/media', permission: 'cms.media.manage', order: 71 },
      { id: 'themes', icon: 'palette', label: 'cms:menu.themes', path: '/themes', permission: 'cms.themes.manage', order: 72 },
    ],
  },
  isSelfContained: true,
  permissions: [
    { code: 'cms.pages.view', description: 'View content pages' },
    { code: 'cms.pages.manage', description: 'Create, edit and publish content pages' },
    { code: 'cms.media.manage', description: 'Upload and delete files in the media library' },
    { code: 'cms.themes.manage', description: 'Choose and customise the storefront theme' },
  ],
  widgets: {
    admin: [adminDefaultPagesWidget],
    vendor: [vendorPagesWidget, vendorMediaWidget],
  },
  // `site.cms` on every storefront page: `{ theme, pages }` (the footer pages).
  viewContext: { storefront: storefrontSiteContext },
  events: [
    { name: 'cms.page.published', description: 'A content page was published' },
    { name: 'cms.page.unpublished', description: 'A content page was taken offline' },
    { name: 'cms.media.uploaded', description: 'A file was added to the media library' },
    { name: 'cms.theme.changed', description: "A storefront's theme was changed" },
  ],
});
