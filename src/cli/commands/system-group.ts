/** `docker system`: the management command grouping df, events, info and prune (docker 28's list). */
import type { ManagementGroup } from './image/management.ts';

export const SYSTEM_GROUP: ManagementGroup = {
  name: 'system',
  short: 'Manage Docker',
  commands: [
    { name: 'df', short: 'Show docker disk usage' },
    { name: 'events', short: 'Get real time events from the server' },
    { name: 'info', short: 'Display system-wide information' },
    { name: 'prune', short: 'Remove unused data' },
  ],
};
