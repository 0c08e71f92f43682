import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'messaging',
  name: 'Messaging',
  description: 'Messages and notifications.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
  features: ['customer_messages', 'email_notifications'],
  menuItems: {
    admin: [{ id: 'messages', icon: 'message', label: 'messaging:menu.messages', path: '/messages', permission: 'messaging.view', order: 80 }],
    vendor: [
      { id: 'messages', icon: 'message', label: 'messaging:menu.messages', path: '/messages', permission: 'messaging.view', order: 80 },
      {
        id: 'notification-templates', icon: 'mail',
        label: 'messaging:menu.notification-templates',
        path: '/settings/notifications',
        permission: 'messaging.templates.manage',
        order: 912,
      },
    ],
    storefront: [{ id: 'my-messages', icon: 'inbox', label: 'messaging:menu.my-messages', path: '/account/messages', order: 32 }],
  },
  // Not self-contained yet: routes, services and models arrive with the module's first feature.
  isSelfContained: false,
  permissions: [
    { code: 'messaging.view', description: 'Read conversations' },
    { code: 'messaging.send', description: 'Reply to and start conversations' },
    { code: 'messaging.templates.manage', description: 'Edit notification e-mail templates' },
  ],
  events: [
    { name: 'messaging.message.received', description: 'A new message arrived in a conversation' },
    { name: 'messaging.message.sent', description: 'A message was sent' },
    { name: 'messaging.delivery.failed', description: 'A notification could not be delivered' },
  ],
});
