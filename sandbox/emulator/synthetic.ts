// Synthetic calling users, to try the bot on an organization of realistic size (10,000 users): each at
// one of the seed's locations of the first org, three in four with custom numbers of their own and
// custom permissions, one in four following the location. Emails and numbers are derived from a running
// index, so the same count gives the same people in every run.
import { outgoingPermission, SEED_LOCATIONS } from './seed';
import type { SeedPerson } from './types';

/** The most one control call adds (the bench's largest org). */
export const MAX_SYNTHETIC_PER_CALL = 20_000;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function syntheticEmail(index: number): string {
  return `synthetic.user${pad(index + 1, 5)}@example.com`;
}

/** People `from` … `from + count - 1` (0-based), in that order. */
export function syntheticPeople(from: number, count: number): SeedPerson[] {
  const locations = [SEED_LOCATIONS.hq, SEED_LOCATIONS.lab];
  return Array.from({ length: count }, (_, i) => {
    const index = from + i;
    const number = pad(index % 10_000, 4);
    const follows = index % 4 === 3;
    return {
      email: syntheticEmail(index),
      displayName: `Synthetic User ${pad(index + 1, 5)}`,
      firstName: 'Synthetic',
      lastName: `User ${pad(index + 1, 5)}`,
      calling: {
        locationId: locations[index % locations.length].id,
        extension: String(20_000 + index),
        transferNumbers: follows
          ? { useCustomTransferNumbers: false }
          : { useCustomTransferNumbers: true, autoTransferNumber1: `+1205600${number}`, autoTransferNumber2: index % 2 === 0 ? `+1205601${number}` : null, autoTransferNumber3: null },
        outgoingPermission: follows ? outgoingPermission() : outgoingPermission({ INTERNATIONAL: 'TRANSFER_NUMBER_1', PREMIUM_SERVICES_I: 'TRANSFER_NUMBER_2' }),
      },
    };
  });
}
