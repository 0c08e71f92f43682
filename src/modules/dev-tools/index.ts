// The dev-tools module's public edge: other modules import from here only.
export { DEV_TOOLS_ERRORS } from './exceptions.ts';
export { ICON_CATEGORIES, groupIcons, getIcon, type IconCategory, type IconGroup, type IconDetail } from './services/icon-catalog.service.ts';
