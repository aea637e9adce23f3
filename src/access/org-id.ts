// Organization IDs are compared by their UUID; the one definition lives with the other ID shapes.
export { orgKey } from '../commands/org-id';
