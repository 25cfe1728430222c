import type { Principal } from '@waypoint/auth';
import type { DataAccess } from '../../data/data-access.ts';
import { actorOf } from '../../data/data-access.ts';
import type { AccountRepository, ProfileRow } from './account.repository.ts';
import type { TAccountResponse, TUpdateProfileRequest } from './account.schemas.ts';

export class AccountService {
  readonly #data: DataAccess;
  readonly #repo: AccountRepository;

  constructor(data: DataAccess, repo: AccountRepository) {
    this.#data = data;
    this.#repo = repo;
  }

  async me(principal: Principal): Promise<TAccountResponse> {
    const actor = actorOf(principal);
    // Every chat turn's context reads this. The profile is made at sign-up, so it is read in one
    // round trip (a read); only a user from before the trigger needs the write.
    const profile =
      (await this.#data.readAsUser(actor, (tx) => this.#repo.findProfile(tx, principal.userId))) ??
      (await this.#data.asUser(actor, (tx) => this.#repo.ensureProfile(tx, principal.userId)));
    return toAccount(principal, profile);
  }

  updateProfile(principal: Principal, input: TUpdateProfileRequest): Promise<TAccountResponse> {
    return this.#data.asUser(actorOf(principal), async (tx) => {
      await this.#repo.ensureProfile(tx, principal.userId);
      const profile = await this.#repo.updateProfile(tx, principal.userId, input);
      if (!profile) throw new Error('profile vanished during update');
      return toAccount(principal, profile);
    });
  }

  /** The caller's IANA zone, which decides what "today" means for their plans. */
  async timezoneOf(principal: Principal): Promise<string> {
    return (await this.me(principal)).timezone;
  }
}

function toAccount(principal: Principal, profile: ProfileRow): TAccountResponse {
  return {
    id: profile.id,
    email: principal.email,
    displayName: profile.displayName,
    timezone: profile.timezone,
    dailyCapacityMinutes: profile.dailyCapacityMinutes,
    createdAt: profile.createdAt,
  };
}
