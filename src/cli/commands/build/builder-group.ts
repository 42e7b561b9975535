/** `docker builder`: the management command grouping build subcommands (docker 28's list). */
import type { ManagementGroup } from '../image/management.ts';

export const BUILDER_GROUP: ManagementGroup = {
  name: 'builder',
  short: 'Manage builds',
  commands: [
    { name: 'build', short: 'Build an image from a Dockerfile' },
    { name: 'prune', short: 'Remove build cache' },
  ],
};
